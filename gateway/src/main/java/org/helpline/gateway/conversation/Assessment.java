package org.helpline.gateway.conversation;

import jakarta.inject.Singleton;
import java.util.Objects;
import org.helpline.gateway.config.HelplineConfiguration;
import org.helpline.gateway.privacy.Pseudonymiser;
import org.helpline.nlp.Classification;
import org.helpline.nlp.MessageClassifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A message's intent and risk, failing safe: a classifier that throws escalates the message rather than losing it.
 * One message is classified once, even when its optimistic attempt gives up and the locked one follows
 * ({@link Memo}).
 */
@Singleton
class Assessment {
    private static final Logger LOG = LoggerFactory.getLogger(Assessment.class);
    private final MessageClassifier classifier;
    private final String defaultLanguage;

    Assessment(MessageClassifier classifier, HelplineConfiguration config) {
        this.classifier = classifier;
        this.defaultLanguage = config.defaultLanguage();
    }

    String defaultLanguage() {
        return defaultLanguage;
    }

    /** One message's classification, for the language hint it was made with (the hint is part of the question). */
    static final class Memo {
        private String hint;
        private Classification made;
    }

    /**
     * {@code hint}: the conversation's language, or {@code null} for a first message (the detector then decides on
     * its own: the session default would otherwise win any close call, e.g. "hola, tengo una pregunta");
     * {@code fallback}: the language when the classifier names none.
     */
    Classification classify(String text, String hint, String fallback, String id, Memo memo) {
        if (memo.made != null && Objects.equals(memo.hint, hint)) {
            return memo.made;
        }
        Classification c;
        try {
            c = classifier.classify(text, hint);
        } catch (RuntimeException e) {
            LOG.error("conversation {}: classifier failed ({}); escalating to be safe", Pseudonymiser.forLogs(id),
                    e.getClass().getSimpleName());
            c = Classification.failSafe(hint == null ? defaultLanguage : hint, e.getClass().getSimpleName());
        }
        if (c.language() == null) {
            c = c.inLanguage(fallback);
        }
        memo.hint = hint;
        memo.made = c;
        return c;
    }
}
