package org.helpline.dialogue.event;

/** A previously opted-out contact sent START, YES or UNSTOP. */
public record OptedIn() implements Event {
}
