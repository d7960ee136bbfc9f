package org.helpline.nlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.helpline.nlp.features.SentenceEncoder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real-text model's short-message part: the sentence encoder is a second opinion on borderline SMS-sized English
 * messages only (its band around the short threshold), so nearly every message is read by the n-gram model alone.
 * The messages are written for this test.
 */
class ShortMessageEncoderTest {
    private static RealRiskModel model;
    private static OpenNlpClassifier classifier;

    @BeforeAll
    static void load() {
        model = RealRiskModel.loadDefault();
        classifier = OpenNlpClassifier.loadDefault();
    }

    private static double ngram(String normal) {
        return model.probability(TextNormaliser.tokens(normal));
    }

    private static double evidence(String text) {
        return classifier.riskAssessor().evidence(text, "en").probability();
    }

    @Test
    void theShippedModelHasAShortMessagePartWithItsBand() {
        assertNotNull(model.shortEncoder(), "manifest encoder.short.share names it, encoder-short-lr.txt holds it");
        assertEquals(SentenceEncoder.DIMENSIONS, model.shortEncoder().weights().length);
        assertTrue(model.band().below() > 0 && model.band().above() > 0, "a band on both sides of the threshold");
    }

    @Test
    void aBorderlineDisclosureIsReadByTheEncoderAndReachesACounsellor() {
        String text = "i just want it all to stop";
        String normal = TextNormaliser.normalise(text);
        double p = ngram(normal);
        assertTrue(p < model.threshold(normal.length(), "en"), "the n-gram model alone would not flag it: " + p);
        assertTrue(model.inBand(p, normal, 7, "en"), "but it is borderline");
        assertTrue(evidence(text) > p, "the encoder reads it as risk");
        assertTrue(classifier.classify(text, "en").risk().tier().atLeast(RiskTier.HIGH));
        assertTrue(classifier.classify("i think about not being here", "en").risk().tier().atLeast(RiskTier.HIGH));
    }

    @Test
    void farFromTheThresholdInAnotherLanguageOrInOneOrTwoWordsTheNgramModelDecidesAlone() {
        String request = TextNormaliser.normalise("can you set an alarm for 6 am");
        double p = ngram(request);
        assertFalse(model.inBand(p, request, 8, "en"), "an everyday request is far under the threshold: " + p);
        assertEquals(p, model.readShort(p, request, 8, "en"), 0.0);

        double at = model.threshold(100, "en");
        String borderline = TextNormaliser.normalise("i just want it all to stop");
        assertEquals(at, model.readShort(at, borderline, 7, "es"), 0.0, "the encoder learnt from English only");
        assertEquals(at, model.readShort(at, "so done", 2, "en"), 0.0, "two words keep their own rule");
        String longText = "a".repeat(model.shortMaxChars() + 1);
        assertEquals(at, model.readShort(at, longText, 3, "en"), 0.0, "a long message is the long part's");
        assertEquals(RiskTier.NONE, classifier.classify("i want to track a parcel", "en").risk().tier());
    }

    @Test
    void whatTheLexiconJudgedIsNotAskedOfTheEncoder() {
        String idiom = "i am dying of laughter at this video";
        assertEquals(ngram(TextNormaliser.normalise(idiom)), evidence(idiom), 1e-12, "a masked idiom");
        // "counsellor" is a lexicon phrase (LOW: a request), which the encoder would read as distress
        String request = "can i talk to a counsellor please";
        String normal = TextNormaliser.normalise(request);
        assertTrue(model.inBand(ngram(normal), normal, 7, "en"), "borderline for the n-gram model");
        assertEquals(ngram(normal), evidence(request), 1e-12, "the n-gram probability stands");
        assertEquals(RiskTier.LOW, classifier.classify(request, "en").risk().tier());
    }

    @Test
    void aTimeWordDoesNotRaiseWhatTheEncoderReads() {
        for (String text : new String[] {"i just want it all to stop", "i think about not being here",
                "i feel like a burden to everyone"}) {
            assertTrue(evidence(text + " tonight") <= evidence(text) + 1e-9, text);
            assertTrue(evidence(text + " right now") <= evidence(text) + 1e-9, text);
        }
    }

    @Test
    void theShortPartsFileRoundTrips() throws Exception {
        StringWriter w = new StringWriter();
        RealRiskModel.writeEncoder(model.shortEncoder(), w);
        RealRiskModel.Encoder back = RealRiskModel.readEncoder(
                new ByteArrayInputStream(w.toString().getBytes(StandardCharsets.UTF_8)), model.shortEncoder().share());
        assertArrayEquals(model.shortEncoder().weights(), back.weights());
        assertEquals(model.shortEncoder().bias(), back.bias(), 0.0);
    }
}
