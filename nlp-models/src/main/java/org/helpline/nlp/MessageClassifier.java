package org.helpline.nlp;

/** Language + intent + risk for one message: the one call the conversation pipeline makes. */
public interface MessageClassifier {
    /**
     * @param text          the message as received
     * @param knownLanguage the contact's language, the fallback for short or unclear texts
     */
    Classification classify(String text, String knownLanguage);
}
