package org.helpline.dialogue.event;

/** The young person accepted the privacy notice (e.g. replied "yes" to the welcome). */
public record ConsentGiven() implements Event {
}
