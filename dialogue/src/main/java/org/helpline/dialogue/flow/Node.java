package org.helpline.dialogue.flow;

import java.util.List;

/**
 * A step of a flow: on entry it runs {@code actions}, then says {@code say} (message keys), then either moves on to
 * {@code next} at once or waits for the next message and routes it through {@code cases} (else {@code other}).
 * Exactly one of {@code next} and a wait ({@code cases}/{@code other}) is set. {@code nextIfLanguageChosen}
 * ({@code goto_if_language_chosen} in flow files), when set, is where a node that moves on goes instead of
 * {@code next} once the conversation's language is settled ({@code Session.languageChosen}): the welcome skips the
 * language question that way.
 */
public record Node(String id, List<Action> actions, List<String> say, Target next, List<Case> cases, Target other,
                   Target nextIfLanguageChosen) {
    public Node {
        actions = List.copyOf(actions);
        say = List.copyOf(say);
        cases = List.copyOf(cases);
    }

    public Node(String id, List<Action> actions, List<String> say, Target next, List<Case> cases, Target other) {
        this(id, actions, say, next, cases, other, null);
    }

    public boolean waits() {
        return next == null;
    }
}
