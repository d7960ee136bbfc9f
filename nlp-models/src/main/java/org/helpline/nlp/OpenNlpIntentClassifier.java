package org.helpline.nlp;

import java.util.Map;

/**
 * Intent from a per-language doccat model (labels = {@link Intent#label()}). The confidence is the model's
 * probability for the winning label; below {@link OpenNlpClassifier#RECOMMENDED_INTENT_THRESHOLD} the dialogue
 * should ask a clarifying question rather than act on the intent. Thread-safe.
 */
public final class OpenNlpIntentClassifier implements IntentClassifier {
    private final Map<String, Categorizer> models;
    private final String defaultLanguage;

    public OpenNlpIntentClassifier(Map<String, Categorizer> models, String defaultLanguage) {
        this.models = Map.copyOf(models);
        this.defaultLanguage = defaultLanguage;
        if (!this.models.containsKey(defaultLanguage)) {
            throw new IllegalArgumentException("no intent model for the default language " + defaultLanguage);
        }
    }

    @Override
    public IntentPrediction predict(String text, String language) {
        return predictTokens(TextNormaliser.normalisedTokens(text), language);
    }

    IntentPrediction predictTokens(String[] tokens, String language) {
        if (tokens.length == 0) {
            return new IntentPrediction(Intent.OTHER, 0.0);
        }
        return best(model(language), model(language).probabilities(tokens));
    }

    Categorizer model(String language) {
        return models.getOrDefault(language, models.get(defaultLanguage));
    }

    private static IntentPrediction best(Categorizer model, double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return new IntentPrediction(Intent.fromLabel(model.category(best)), p[best]);
    }
}
