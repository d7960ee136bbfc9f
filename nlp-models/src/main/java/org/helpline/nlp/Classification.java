package org.helpline.nlp;

import java.util.List;

/**
 * Everything the dialogue engine knows about one free-text message.
 *
 * @param language         ISO 639-1 code of the message's language
 * @param intent           most likely intent
 * @param intentConfidence confidence in {@code intent}, 0..1
 * @param risk             risk tier and reasons
 */
public record Classification(String language, Intent intent, double intentConfidence, RiskAssessment risk) {

    /** No text to classify (e.g. a media-only message). */
    public static Classification empty(String language) {
        return new Classification(language, Intent.OTHER, 0.0, RiskAssessment.none());
    }

    /**
     * What to use when a classifier failed: missing a high-risk message is the worst failure, so an unclassifiable
     * message is treated as HIGH and goes to a counsellor.
     */
    public static Classification failSafe(String language, String why) {
        return new Classification(language, Intent.OTHER, 0.0,
                new RiskAssessment(RiskTier.HIGH, List.of("classifier unavailable (" + why + "): escalated to be safe"),
                        false));
    }
}
