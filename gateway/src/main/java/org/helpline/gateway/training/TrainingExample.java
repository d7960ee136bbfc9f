package org.helpline.gateway.training;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.helpline.nlp.Intent;
import org.helpline.nlp.RiskTier;

/**
 * One kept message as stored: no number, no conversation id, the text encrypted ({@code sealedText}, bound to the
 * example's id).
 *
 * @param label     the tier the counsellor gave it
 * @param why       how the label was reached
 * @param modelTier the tier the model gave the conversation, for the agreement figures of a later export
 * @param intent    the topic the counsellor gave a marked message, or {@code null}
 */
@Serdeable
public record TrainingExample(String id, long keptAt, String language, RiskTier label, Why why, RiskTier modelTier,
                              @Nullable Intent intent, String sealedText) {

    /** How a message got its label. */
    public enum Why {
        /** The counsellor marked it as one of the messages that mattered: it gets the conversation's reviewed tier. */
        MARKED,
        /** The counsellor said the conversation was no risk at all: every message of it is "none". */
        NO_RISK_CONVERSATION
    }
}
