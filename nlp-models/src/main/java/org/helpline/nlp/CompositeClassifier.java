package org.helpline.nlp;

/** Runs a language detector, an intent classifier and a risk assessor on the same message. */
public final class CompositeClassifier implements MessageClassifier {
    private final LanguageDetector languages;
    private final IntentClassifier intents;
    private final RiskAssessor risks;

    public CompositeClassifier(LanguageDetector languages, IntentClassifier intents, RiskAssessor risks) {
        this.languages = languages;
        this.intents = intents;
        this.risks = risks;
    }

    @Override
    public Classification classify(String text, String knownLanguage) {
        if (text == null || text.isBlank()) {
            return Classification.empty(knownLanguage);
        }
        String language = languages.detect(text, knownLanguage).language();
        IntentPrediction intent = intents.predict(text, language);
        RiskAssessment risk = risks.assess(text, language);
        return new Classification(language, intent.intent(), intent.confidence(), risk);
    }
}
