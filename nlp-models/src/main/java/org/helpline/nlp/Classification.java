package org.helpline.nlp;

import java.util.List;

/**
 * Everything the dialogue engine knows about one free-text message.
 *
 * @param language         ISO 639-1 code of the message's language
 * @param intent           most likely intent
 * @param intentConfidence confidence in {@code intent}, 0..1
 * @param risk             risk tier and reasons
 * @param written          the language the message is written in among every language the detector knows, shipped
 *                         or not (ISO 639-1 where there is one, else ISO 639-3), with its probability; {@code null}
 *                         when the text is too short to tell or the classifier does not detect it. {@code language}
 *                         is always a shipped language; this says when the texter writes in another one.
 */
public record Classification(String language, Intent intent, double intentConfidence, RiskAssessment risk,
                             LanguageGuess written) {

    /** A classification that says nothing of the message's own language beyond the shipped one. */
    public Classification(String language, Intent intent, double intentConfidence, RiskAssessment risk) {
        this(language, intent, intentConfidence, risk, null);
    }

    /** The same, answered in another shipped language (the message's own language unchanged). */
    public Classification inLanguage(String shipped) {
        return new Classification(shipped, intent, intentConfidence, risk, written);
    }

    /** The same with another risk assessment. */
    public Classification withRisk(RiskAssessment other) {
        return new Classification(language, intent, intentConfidence, other, written);
    }

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
