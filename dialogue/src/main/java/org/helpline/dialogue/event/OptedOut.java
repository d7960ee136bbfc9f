package org.helpline.dialogue.event;

/** The contact sent an opt-out keyword (STOP, UNSUBSCRIBE, END, QUIT, STOPALL, REVOKE, OPTOUT, CANCEL). */
public record OptedOut(String keyword) implements Event {
}
