package org.helpline.nlp;

/** Classifies what a message is about. Implementations must be thread-safe. */
public interface IntentClassifier {
    IntentPrediction predict(String text, String language);
}
