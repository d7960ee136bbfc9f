package org.helpline.dialogue.event;

/**
 * The young person said YES to their messages being used, without their number, to improve how the helpline spots
 * who needs help first (the welcome's second question, flow action {@code training_consent: true}). Separate from
 * {@link ConsentGiven}. The session records it as {@code Session.trainingConsentAt}; the caller may keep this
 * conversation's messages for training from now on, and never those of a conversation without it.
 */
public record TrainingConsentGiven() implements Event {
}
