package org.helpline.nlp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Regression: the risk model answered its prior (HIGH, p≈0.48) for messages with no known feature, so every menu
 * reply ("1", "2") escalated. A message that does not move the model off its prior is judged by the lexicon alone.
 */
class MenuRepliesTest {
    static OpenNlpClassifier classifier;

    @BeforeAll
    static void load() {
        classifier = OpenNlpClassifier.loadDefault();
    }

    @Test
    void menuRepliesAndFillersAreNotRisk() {
        for (String text : new String[] {"1", "2", "3", "4", "5", "ok", "k", "yes", "no", "hmm", "??", "si", "menu"}) {
            RiskTier tier = classifier.classify(text, "en").risk().tier();
            assertTrue(!tier.atLeast(RiskTier.HIGH), "'" + text + "' assessed " + tier);
        }
    }

    @Test
    void shortRiskMessagesStillEscalate() {
        for (String text : new String[] {"kms", "i want to die", "he's outside my house", "help me"}) {
            RiskTier tier = classifier.classify(text, "en").risk().tier();
            assertTrue(tier.atLeast(RiskTier.LOW), "'" + text + "' assessed " + tier);
        }
        assertTrue(classifier.classify("kms", "en").risk().tier().atLeast(RiskTier.HIGH));
        assertTrue(classifier.classify("i want to die", "en").risk().tier().atLeast(RiskTier.HIGH));
    }
}
