package org.helpline.dialogue.flow;

import org.helpline.nlp.RiskTier;

/**
 * What a node does when the conversation enters it, before it speaks. In flow files, under {@code do:}:
 * <pre>
 * do:
 *   - escalate: {reason: asked_for_counsellor, risk: low}
 *   - set_language: es
 *   - consent: true
 *   - erase: true
 *   - join_list: true
 *   - training_consent: true   # or false
 * </pre>
 */
public sealed interface Action {
    /** Ask for a counsellor: produces {@code EscalationRequested} (at least at {@code risk}). */
    record Escalate(String reason, RiskTier risk) implements Action {
    }

    /** Switch the conversation's language (one of the shipped languages). */
    record SetLanguage(String language) implements Action {
    }

    /** Record consent to the privacy notice: produces {@code ConsentGiven}. */
    record Consent() implements Action {
    }

    /** Erase everything kept about the texter: produces {@code ErasureRequested}; the caller does the erasing. */
    record Erase() implements Action {
    }

    /** Join the safety-message list (broadcasts): produces {@code ListJoined}; the caller records the consent. */
    record JoinList() implements Action {
    }

    /**
     * Record the answer to the training question: {@code given} records {@code Session.trainingConsentAt} and produces
     * {@code TrainingConsentGiven}; {@code false} clears it (producing {@code TrainingConsentWithdrawn} when there was
     * one). Anything kept for training is the caller's to keep or forget by these events.
     */
    record TrainingConsent(boolean given) implements Action {
    }
}
