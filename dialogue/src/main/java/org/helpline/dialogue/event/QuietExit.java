package org.helpline.dialogue.event;

/**
 * The young person sent the quiet exit word ("gtg", "me voy"): the conversation ends at once with no reply at all
 * (nothing on the screen says "helpline"), and nothing unprompted is sent to them afterwards. A conversation waiting
 * HIGH or IMMINENT stays in the queue for a counsellor to see ({@code stillInLine}); any other waiting one leaves it.
 *
 * @param erase      they asked for their messages to be erased too ("gtg delete")
 * @param stillInLine the conversation stays in the queue (escalated HIGH or above)
 */
public record QuietExit(boolean erase, boolean stillInLine) implements Event {
}
