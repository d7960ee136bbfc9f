package org.helpline.nlp;

/** Detects the language of a message, limited to the languages the helpline ships. */
public interface LanguageDetector {
    /**
     * @param text     the message
     * @param fallback the contact's known language, used when the text is too short or unclear
     */
    LanguageGuess detect(String text, String fallback);
}
