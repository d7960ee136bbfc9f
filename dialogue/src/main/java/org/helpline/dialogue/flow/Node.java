package org.helpline.dialogue.flow;

import java.util.List;

/**
 * A step of a flow: on entry it runs {@code actions}, then says {@code say} (message keys), then either moves on to
 * {@code next} at once or waits for the next message and routes it through {@code cases} (else {@code other}).
 * Exactly one of {@code next} and a wait ({@code cases}/{@code other}) is set. {@code nextIfLanguageChosen}
 * ({@code goto_if_language_chosen} in flow files), when set, is where a node that moves on goes instead of
 * {@code next} once the conversation's language is settled ({@code Session.languageChosen}): the welcome skips the
 * language question that way. {@code nextIfTrainingMinAge} ({@code goto_if_training_min_age}) is where it goes
 * instead when the helpline has set a minimum age for training consent ({@code FlowSet.trainingMinAge} above 0): the
 * age is asked before the training question that way (it wins over {@code nextIfLanguageChosen}).
 * {@code reroute} ({@code reroute: true} under {@code wait:}): a message no case takes is not an answer to this node,
 * and is handled as if it had been written at {@code other} (the waiting node it leads to): routed by that node's
 * cases, and when none takes it, that node is entered as usual (its prompt said). An optional question then never
 * swallows what the young person came to say.
 */
public record Node(String id, List<Action> actions, List<String> say, Target next, List<Case> cases, Target other,
                   Target nextIfLanguageChosen, Target nextIfTrainingMinAge, boolean reroute) {
    public Node {
        actions = List.copyOf(actions);
        say = List.copyOf(say);
        cases = List.copyOf(cases);
    }

    public Node(String id, List<Action> actions, List<String> say, Target next, List<Case> cases, Target other) {
        this(id, actions, say, next, cases, other, null, null, false);
    }

    public Node(String id, List<Action> actions, List<String> say, Target next, List<Case> cases, Target other,
                Target nextIfLanguageChosen) {
        this(id, actions, say, next, cases, other, nextIfLanguageChosen, null, false);
    }

    public boolean waits() {
        return next == null;
    }
}
