package org.helpline.dialogue.flow;

import java.util.List;

/**
 * A step of a flow: on entry it runs {@code actions}, then says {@code say} (message keys), then either moves on to
 * {@code next} at once or waits for the next message and routes it through {@code cases} (else {@code other}).
 * Exactly one of {@code next} and a wait ({@code cases}/{@code other}) is set.
 */
public record Node(String id, List<Action> actions, List<String> say, Target next, List<Case> cases, Target other) {
    public Node {
        actions = List.copyOf(actions);
        say = List.copyOf(say);
        cases = List.copyOf(cases);
    }

    public boolean waits() {
        return next == null;
    }
}
