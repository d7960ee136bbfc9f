package org.helpline.nlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.helpline.nlp.features.SentenceEncoder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real-text model's long-message part: the sentence encoder reads long English messages, and only those. */
class LongMessageEncoderTest {
    /** Written for this test: a long message that says it without any lexicon phrase. */
    static final String LONG = "i have been trying to hold it together for months now. school is a mess, my parents "
            + "fight every night and i stopped talking to my friends because they would not get it anyway. i keep "
            + "thinking everyone would be fine if i was not around any more and honestly i have started to believe "
            + "it. i give my things away and i wrote letters to my little brother and my best friend just in case.";
    static final String ORDINARY = "ok so this weekend was actually so good. we went to the lake with my cousins and "
            + "my uncle let me drive the boat for like ten minutes, then we had a barbecue and played cards until "
            + "really late. monday is going to hurt because we have a maths test and i did not study at all, but "
            + "honestly it was worth it. next time i want to bring my friends too if my mum says yes.";

    private static RealRiskModel model;

    @BeforeAll
    static void load() {
        model = RealRiskModel.loadDefault();
    }

    private static double ngram(String normal) {
        return model.probability(TextNormaliser.tokens(normal));
    }

    @Test
    void theShippedModelHasALongMessagePart() {
        assertNotNull(model.encoder(), "manifest encoder.share names it, encoder-lr.txt holds it");
        assertEquals(SentenceEncoder.DIMENSIONS, model.encoder().weights().length);
    }

    @Test
    void aLongEnglishMessageIsReadByTheEncoderAndAShortOneIsNot() {
        String longNormal = TextNormaliser.normalise(LONG);
        assertTrue(longNormal.length() > model.shortMaxChars(), "the test message must be long");
        double p = ngram(longNormal);
        assertNotEquals(p, model.readLong(p, longNormal, "en"), 1e-9);
        String shortNormal = TextNormaliser.normalise("everyone would be fine if i was not around");
        double q = ngram(shortNormal);
        assertEquals(q, model.readLong(q, shortNormal, "en"), 0.0, "a short message: the n-gram model alone");
        assertEquals(p, model.readLong(p, longNormal, "es"), 0.0, "the encoder learnt from English posts only");
    }

    @Test
    void theEncoderSeparatesALongDisclosureFromLongChatter() {
        String risky = TextNormaliser.normalise(LONG);
        String ordinary = TextNormaliser.normalise(ORDINARY);
        assertTrue(model.encoder().share() > 0);
        double gap = model.readLong(ngram(risky), risky, "en") - model.readLong(ngram(ordinary), ordinary, "en");
        assertTrue(gap > 0.5, "the disclosure scores well above the weekend story: " + gap);
        assertTrue(!OpenNlpClassifier.loadDefault().classify(ORDINARY, "en").risk().tier().atLeast(RiskTier.HIGH),
                "the weekend story does not go to a counsellor");
    }

    @Test
    void invisibleCharactersDoNotChangeWhatTheEncoderReads() {
        String hidden = LONG.replace(" ", " \u200b").replace("e", "e\u00ad");
        assertEquals(TextNormaliser.normalise(LONG), TextNormaliser.normalise(hidden));
        OpenNlpClassifier classifier = OpenNlpClassifier.loadDefault();
        assertEquals(classifier.classify(LONG, "en").risk().tier(), classifier.classify(hidden, "en").risk().tier());
    }

    @Test
    void theEncoderFileRoundTrips() throws Exception {
        StringWriter w = new StringWriter();
        RealRiskModel.writeEncoder(model.encoder(), w);
        RealRiskModel.Encoder back = RealRiskModel.readEncoder(
                new ByteArrayInputStream(w.toString().getBytes(StandardCharsets.UTF_8)), model.encoder().share());
        assertArrayEquals(model.encoder().weights(), back.weights());
        assertEquals(model.encoder().bias(), back.bias(), 0.0);
    }
}
