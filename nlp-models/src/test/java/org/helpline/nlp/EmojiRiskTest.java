package org.helpline.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Emoji feed the risk assessment (issue 20): crying, broken-heart, knife and pill emoji, alone or together, on the
 * lexicon and on the shipped classifier (which applies the lexicon's tiers as a floor).
 */
class EmojiRiskTest {
    private static OpenNlpClassifier classifier;
    private static final KeywordClassifier LEXICON = new KeywordClassifier();

    @BeforeAll
    static void load() {
        classifier = OpenNlpClassifier.loadDefault();
    }

    @Test
    void heartbreakOrTearsBesideAKnifeOrPillsIsHigh() {
        for (String text : List.of("\uD83D\uDC94\uD83D\uDD2A", "\uD83D\uDE2D\uD83D\uDC8A", "\uD83D\uDD2A\uD83D\uDE2D",
                "\uD83D\uDC8A\uD83D\uDC94", "\uD83D\uDD2A \uD83D\uDC8A")) {
            assertEquals(RiskTier.HIGH, LEXICON.assess(text, "en").tier(), text);
            assertTrue(classifier.classify(text, "en").risk().tier().atLeast(RiskTier.HIGH), text);
            assertTrue(classifier.classify(text, "es").risk().tier().atLeast(RiskTier.HIGH), "whatever the language");
        }
    }

    @Test
    void tearsAndABrokenHeartAloneAreLowNotNothing() {
        for (String text : List.of("\uD83D\uDE2D\uD83D\uDE2D\uD83D\uDE2D", "\uD83D\uDC94", "\uD83D\uDE22")) {
            assertEquals(RiskTier.LOW, LEXICON.assess(text, "en").tier(), text);
            assertTrue(classifier.classify(text, "en").risk().tier().atLeast(RiskTier.LOW), text);
        }
    }

    @Test
    void laughterAndThumbsUpRaiseNothing() {
        for (String text : List.of("\uD83D\uDE02\uD83D\uDE02", "\uD83D\uDC4D", "\uD83D\uDE0A")) {
            assertEquals(RiskTier.NONE, LEXICON.assess(text, "en").tier(), text);
        }
    }
}
