package org.helpline.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The curated lexicon: the safety net's own rules (negation, clause breaks, masks, reported speech). */
class KeywordClassifierTest {
    private final KeywordClassifier lexicon = new KeywordClassifier();

    @Test
    void riskPhrasesMeanHighOrImminent() {
        assertEquals(RiskTier.HIGH, lexicon.assess("i want to kill myself", "en").tier());
        assertEquals(RiskTier.HIGH, lexicon.assess("honestly kms", "en").tier());
        assertEquals(RiskTier.IMMINENT, lexicon.assess("i have the pills", "en").tier());
        assertEquals(RiskTier.IMMINENT, lexicon.assess("he is outside my house", "en").tier());
        assertTrue(lexicon.assess("i want to kill myself", "en").reasons().get(0).contains("'kill myself'"));
    }

    @Test
    void negatedPhraseIsLowNotNone() {
        RiskAssessment a = lexicon.assess("i'm not going to kill myself", "en");
        assertEquals(RiskTier.LOW, a.tier());
        assertTrue(a.reasons().stream().anyMatch(r -> r.startsWith("negated phrase")), a.reasons().toString());
        assertEquals(RiskTier.LOW, lexicon.assess("i would never kill myself", "en").tier());
    }

    @Test
    void negationDoesNotCrossAClauseOrAnAnswer() {
        assertEquals(RiskTier.HIGH, lexicon.assess("i'm not ok but i want to die", "en").tier());
        assertEquals(RiskTier.HIGH, lexicon.assess("i'm not ok. i want to kill myself", "en").tier());
        assertEquals(RiskTier.HIGH, lexicon.assess("no i want to die", "en").tier());
    }

    @Test
    void spanishNoNegates() {
        assertTrue(lexicon.assess("no quiero morir", "es").tier().compareTo(RiskTier.HIGH) < 0);
        assertEquals(RiskTier.HIGH, lexicon.assess("quiero morir", "es").tier());
    }

    @Test
    void masksIdiomsThatContainARiskPhrase() {
        assertFalse(lexicon.assess("watching suicide squad tonight", "en").tier().atLeast(RiskTier.HIGH));
        assertFalse(lexicon.assess("those trainers are to die for", "en").tier().atLeast(RiskTier.HIGH));
        assertEquals(RiskTier.HIGH, lexicon.assess("thinking about suicide", "en").tier());
        assertFalse(lexicon.assess("od'd on sweets at halloween", "en").tier().atLeast(RiskTier.HIGH));
        assertEquals(RiskTier.IMMINENT, lexicon.assess("i overdosed on my mum's tablets", "en").tier());
        assertEquals(RiskTier.IMMINENT, lexicon.assess("overdosed on caffeine pills", "en").tier());
        assertFalse(lexicon.assess("i cut myself a slice of pizza", "en").tier().atLeast(RiskTier.HIGH));
        assertEquals(RiskTier.HIGH, lexicon.assess("i cut myself a lot", "en").tier());
        assertEquals(RiskTier.HIGH, lexicon.assess("i'm dead inside", "en").tier());
    }

    @Test
    void reportedSpeechIsAboutSomeoneElse() {
        RiskAssessment friend = lexicon.assess("my friend says she wants to die", "en");
        assertEquals(RiskTier.HIGH, friend.tier());
        assertTrue(friend.aboutThirdParty());
        RiskAssessment herself = lexicon.assess("i think my sister is cutting herself", "en");
        assertTrue(herself.tier().atLeast(RiskTier.HIGH));
        assertTrue(herself.aboutThirdParty());
    }

    @Test
    void writersOwnRiskComesFirst() {
        RiskAssessment a = lexicon.assess("my friend told me to kill myself", "en");
        assertEquals(RiskTier.HIGH, a.tier());
        assertFalse(a.aboutThirdParty());
        assertFalse(lexicon.assess("he says he will post my nude pictures", "en").aboutThirdParty());
    }

    @Test
    void riskPhrasesOfEveryLanguageApply() {
        // young people mix languages: a Spanish phrase in a message routed as English still counts
        assertTrue(lexicon.assess("honestly quiero morir", "en").tier().atLeast(RiskTier.HIGH));
    }
}
