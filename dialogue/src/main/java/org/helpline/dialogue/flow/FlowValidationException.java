package org.helpline.dialogue.flow;

import java.util.List;

/** The flow definitions are invalid; the message names every problem with its file and node. */
public final class FlowValidationException extends RuntimeException {
    private final List<String> problems;

    public FlowValidationException(List<String> problems) {
        super("invalid flow definitions:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
