package org.helpline.nlp;

/** The most likely intent of a message and the classifier's confidence in it (0..1). */
public record IntentPrediction(Intent intent, double confidence) {
    public IntentPrediction {
        if (intent == null) {
            throw new IllegalArgumentException("intent is required");
        }
    }
}
