package org.helpline.dialogue.flow;

/** A node address: {@code flow:node}. Written in flow files as {@code node} (same flow) or {@code flow:node}. */
public record Target(String flow, String node) {
    public static Target parse(String text, String currentFlow) {
        int colon = text.indexOf(':');
        return colon < 0 ? new Target(currentFlow, text.trim())
                : new Target(text.substring(0, colon).trim(), text.substring(colon + 1).trim());
    }

    @Override
    public String toString() {
        return flow + ":" + node;
    }
}
