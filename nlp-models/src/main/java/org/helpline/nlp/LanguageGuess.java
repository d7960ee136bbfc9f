package org.helpline.nlp;

/** A detected language (ISO 639-1, e.g. {@code en}, {@code es}) and the detector's confidence (0..1). */
public record LanguageGuess(String language, double confidence) {
}
