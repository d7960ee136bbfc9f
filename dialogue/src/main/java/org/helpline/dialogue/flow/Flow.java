package org.helpline.dialogue.flow;

import java.util.Map;

/** A named set of nodes loaded from one file ({@code flows/<id>.yml}). */
public record Flow(String id, String source, String start, Map<String, Node> nodes) {
    public Flow {
        nodes = Map.copyOf(nodes);
    }
}
