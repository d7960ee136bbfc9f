package org.helpline.dialogue.event;

/** The conversation left a flow (e.g. {@code welcome} after consent and language, on the way to {@code menu}). */
public record FlowEnded(String flow) implements Event {
}
