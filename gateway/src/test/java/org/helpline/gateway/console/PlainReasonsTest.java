package org.helpline.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.helpline.gateway.console.PlainReasons.Topic;
import org.helpline.nlp.Classification;
import org.helpline.nlp.OpenNlpClassifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The classifiers' reasons in words a counsellor reads, on the reasons the shipped classifier really gives (so that a
 * change of their form is caught here): a young person who says they want to end their life, who took pills, who
 * says someone is threatening to share images, who asks for a counsellor; no probability or cue ever shows.
 */
class PlainReasonsTest {
    static OpenNlpClassifier classifier;
    final PlainReasons plain = new PlainReasons();

    @BeforeAll
    static void load() {
        classifier = OpenNlpClassifier.loadDefault();
    }

    private List<PlainReasons.Reason> of(String message) {
        Classification c = classifier.classify(message, "en");
        return plain.plain(c.risk().reasons(), message);
    }

    private static List<Topic> topics(List<PlainReasons.Reason> reasons) {
        return reasons.stream().map(PlainReasons.Reason::topic).toList();
    }

    @Test
    void whatTheClassifierSaysReadsAsWhatTheYoungPersonSaid() {
        List<PlainReasons.Reason> die = of("i want to die");
        assertEquals(Topic.END_LIFE, die.get(0).topic(), die.toString());
        assertEquals("Said they want to end their life", die.get(0).words());
        assertEquals("want to die", die.get(0).quote());

        assertEquals(Topic.MEANS, of("i took the pills").get(0).topic());
        assertTrue(topics(of("he says he will share my nudes with everyone if i dont pay")).contains(Topic.IMAGES),
                of("he says he will share my nudes with everyone if i dont pay").toString());
        for (String m : List.of("i want to die", "i took the pills", "i cant do this anymore tonight")) {
            for (PlainReasons.Reason r : of(m)) {
                assertFalse(r.words().matches("(?s).*(p=|cues|model|threshold).*"), m + ": " + r);
            }
        }
    }

    @Test
    void theEnginesAndTheModelsOwnReasonsArePlainToo() {
        assertEquals(List.of(Topic.ASKED_FOR_COUNSELLOR), topics(plain.plain(List.of("asked to talk to a counsellor"),
                "can i talk to someone")));
        assertEquals("Says they are in danger right now", plain.plain(List.of(
                "curated model: imminent (p=0.51; cues 'now', 'wants', 'him')"), "he is outside right now").get(0)
                .words());
        assertEquals(List.of(Topic.SOUNDS_URGENT), topics(plain.plain(List.of(
                "curated model: imminent (p=0.51; cues 'now', 'wants', 'him')"), "it is happening")));
        assertEquals(Topic.OTHER_LANGUAGE, plain.plain(List.of("writes in a language we do not ship: de (share 0.91); "
                + "a counsellor who reads it"), "hallo").get(0).topic());
        assertEquals(List.of(Topic.CHECK_FAILED), topics(plain.plain(List.of(
                "classifier unavailable (timeout): escalated to be safe"), "x")));
        assertEquals(List.of(), plain.plain(List.of("real-text model: below high (p=0.20, threshold 0.40)"), "ok"),
                "the model's doubt is detail, not a reason");
        // one reason per topic, the most urgent first
        assertEquals(List.of(Topic.END_LIFE, Topic.ASKED_FOR_COUNSELLOR), topics(plain.plain(List.of(
                "asked to talk to a counsellor", "phrase 'kill myself' (HIGH)", "curated model: high (p=0.90)"),
                "i want to kill myself")));
    }
}
