package org.helpline.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped classifier as the gateway uses it: models from the classpath, trained by this build. */
class OpenNlpClassifierTest {
    private static OpenNlpClassifier classifier;

    @BeforeAll
    static void load() {
        classifier = OpenNlpClassifier.loadDefault();
    }

    @Test
    void loadsEveryTrainedLanguageWithEnglishFirst() {
        assertEquals("en", classifier.languages().get(0));
        assertEquals(ModelResources.trainedLanguages(), classifier.languages());
    }

    @Test
    void disguisedEnglishIsNeverTakenForAnotherLanguage() {
        // the written language is told on the normalised text: spaced-out, invisible and look-alike characters
        // read as the English words they hide (a spaced-out "k i l l" once read as another language)
        for (String text : java.util.List.of("I want to k i l l  m y s e l f tonight",
                "I want to kill my\u200Bself tonight", "\u202EI want to kill myself tonight",
                "I want to k\u0456ll myself t\u043Enight", "u r so mean 2 me lol", "i feel like such a burden")) {
            LanguageGuess w = classifier.classify(text, "en").written();
            assertTrue(w == null || w.language().equals("en") || w.confidence() < 0.6, text + ": " + w);
        }
        assertEquals("de", classifier.classify("Hallo, ich brauche Hilfe, meine Mutter schlägt mich", "en")
                .written().language());
    }

    @Test
    void missingModelFailsLoudly() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Categorizer.fromResource(ModelResources.intent("xx")));
        assertTrue(e.getMessage().contains("missing"));
    }

    @Test
    void everyLexiconPhraseIsAtLeastItsTierWhateverTheModelSays() throws Exception {
        // the safety net: a curated phrase always means HIGH or IMMINENT, in a sentence the model never saw
        int checked = 0;
        for (String language : KeywordClassifier.LEXICON_LANGUAGES) {
            var in = KeywordClassifier.class.getResourceAsStream("keywords/" + language + ".tsv");
            for (String line : new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList()) {
                String[] parts = line.split("\t");
                if (line.startsWith("#") || parts.length != 3 || !parts[0].equals("risk")
                        || parts[1].equals("low")) {
                    continue;
                }
                boolean crisis = parts[1].equals("crisis");
                RiskTier expected = crisis ? RiskTier.HIGH : RiskTier.valueOf(parts[1].toUpperCase(Locale.ROOT));
                String message = "ok so " + parts[2] + " idk";
                RiskAssessment a = classifier.riskAssessor().assess(message, classifier.languages().get(0));
                assertTrue(a.tier().atLeast(expected), language + " phrase '" + parts[2] + "' gave " + a.tier());
                if (crisis) { // an explicit statement: the emergency numbers at once
                    assertTrue(a.needsEmergencyNumbers(), language + " phrase '" + parts[2] + "': " + a);
                }
                assertTrue(a.reasons().stream().anyMatch(r -> r.startsWith("phrase")), a.reasons().toString());
                checked++;
            }
        }
        assertTrue(checked > 100, "only " + checked + " phrases checked");
    }

    @Test
    void negationStillReachesACounsellor() {
        RiskAssessment a = classifier.classify("im not going to kill myself", "en").risk();
        assertTrue(a.tier().atLeast(RiskTier.LOW), a.tier().toString());
        assertTrue(a.reasons().stream().anyMatch(r -> r.startsWith("negated phrase")), a.reasons().toString());
    }

    @Test
    void reportedSpeechIsHighAndAboutAThirdParty() {
        RiskAssessment a = classifier.classify("my friend says she wants to die", "en").risk();
        assertTrue(a.tier().atLeast(RiskTier.HIGH), a.tier().toString());
        assertTrue(a.aboutThirdParty());
        assertTrue(a.reasons().stream().anyMatch(r -> r.contains("someone else")), a.reasons().toString());
    }

    @Test
    void imminentDangerIsImminentWithReasons() {
        Classification c = classifier.classify("i have the pills here and im doing it tonight", "en");
        assertEquals(RiskTier.IMMINENT, c.risk().tier());
        assertEquals(Intent.SELF_HARM_SUICIDE, c.intent());
        assertFalse(c.risk().aboutThirdParty());
        assertTrue(c.risk().reasons().stream().anyMatch(r -> r.startsWith("imminent: ") || r.endsWith("(IMMINENT)")), c.risk().reasons().toString());
    }

    @Test
    void everyNonNoneTierHasReasons() {
        for (String text : List.of("i feel so alone", "he wants more pics or he posts them", "im scared to go home",
                "this game is killing me", "hi")) {
            RiskAssessment a = classifier.classify(text, "en").risk();
            assertEquals(a.tier() == RiskTier.NONE, a.reasons().isEmpty(), text.length() + " chars: " + a);
        }
    }

    @Test
    void intentConfidenceIsAProbability() {
        Classification c = classifier.classify("someone hacked my snapchat", "en");
        assertEquals(Intent.HACKED_OR_PRIVACY, c.intent());
        assertTrue(c.intentConfidence() > OpenNlpClassifier.RECOMMENDED_INTENT_THRESHOLD && c.intentConfidence() <= 1);
    }

    @Test
    void blankTextIsEmptyAndShortTextKeepsTheKnownLanguage() {
        assertEquals(Classification.empty("en"), classifier.classify("  ", "en"));
        String known = classifier.languages().get(classifier.languages().size() - 1);
        assertEquals(known, classifier.classify("ok", known).language());
        assertEquals(0.0, classifier.languageDetector().detect("ok", known).confidence());
    }

    @Test
    void detectsEnglishInALongEnoughMessage() {
        LanguageGuess g = classifier.languageDetector().detect(
                "my friends keep posting mean things about me in the group chat", "xx");
        assertEquals("en", g.language());
    }

    @Test
    void sharedFeaturePathEqualsEachClassifierAlone() {
        for (String text : List.of("i want to die", "my dad hits me", "hi", "he will leak my pics", "lol 💀")) {
            Classification c = classifier.classify(text, "en");
            IntentPrediction alone = classifier.intentClassifier().predict(text, "en");
            assertEquals(alone.intent(), c.intent());
            assertEquals(alone.confidence(), c.intentConfidence(), 1e-12);
            assertEquals(classifier.riskAssessor().assess(text, "en"), c.risk());
        }
    }

    @Test
    void isThreadSafe() throws Exception {
        List<String> texts = List.of("i want to die", "hello there", "someone hacked my account", "my dad hits me",
                "they will post my nudes", "thanks bye", "i feel so lonely at school", "how do i block someone");
        List<Classification> expected = texts.stream().map(t -> classifier.classify(t, "en")).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                results.add(pool.submit(() -> {
                    for (int round = 0; round < 200; round++) {
                        for (int i = 0; i < texts.size(); i++) {
                            if (!classifier.classify(texts.get(i), "en").equals(expected.get(i))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
