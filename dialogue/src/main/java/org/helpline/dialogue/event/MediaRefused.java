package org.helpline.dialogue.event;

/** A message carried media (photos, video); it was neither opened nor forwarded and the sender was told why. */
public record MediaRefused(int count) implements Event {
}
