package org.helpline.dialogue.event;

/** The texter came back after the inactivity timeout; the conversation restarted at {@code resumedAt}. */
public record SessionExpired(String resumedAt) implements Event {
}
