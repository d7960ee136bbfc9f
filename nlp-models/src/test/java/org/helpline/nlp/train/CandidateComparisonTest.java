package org.helpline.nlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.helpline.nlp.OpenNlpClassifier;
import org.helpline.nlp.RealRiskModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retraining with counsellors' feedback and the comparison that decides whether a candidate may ship, on generated
 * feedback: careful labels give a candidate that is accepted; careless labels (crises marked "none") give one whose
 * HIGH+ recall drops, which is refused and named.
 */
class CandidateComparisonTest {
    private static final Path CORPORA = Corpus.locate();
    private static OpenNlpClassifier shipped;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        shipped = OpenNlpClassifier.loadDefault();
    }

    /** Messages a counsellor would label, by what a young person might write (none of them from a test set). */
    static final List<String> CRISES = List.of(
            "i dont want to be here anymore honestly", "im done with everything i want it all to stop",
            "i keep thinking everyone would be better off without me", "been hurting myself again since monday",
            "i scratched my arms till they bled", "he said he would post my pics if i dont send more",
            "my stepdad hits me when mum is out", "there is no point in me living", "i think about dying every night",
            "an older guy online keeps asking me to keep our chats secret and send photos");
    static final List<String> ORDINARY = List.of(
            "how do i talk to my mum about my grades", "can i change my language", "what time do you open",
            "my friend is ignoring me at school", "thanks that helped a lot", "is this free to text",
            "i had an argument with my sister about the tv", "how do i block someone on instagram",
            "i am nervous about my exams next week", "ok bye");

    static Path export(Path dir, String crisisLabel, int copies) throws IOException {
        Path en = Files.createDirectories(dir.resolve("en"));
        List<String> train = new ArrayList<>(List.of("# generated feedback"));
        for (int i = 0; i < copies; i++) {
            for (String c : CRISES) {
                train.add(crisisLabel + "\t" + c + (i == 0 ? "" : " " + "x".repeat(i)));
            }
            for (String o : ORDINARY) {
                train.add("none\t" + o + (i == 0 ? "" : " " + "x".repeat(i)));
            }
        }
        Files.write(en.resolve(Feedback.TRAIN), train, StandardCharsets.UTF_8);
        Files.write(en.resolve(Feedback.INTENT_TRAIN), List.of("self_harm_suicide\ti scratched my arms till they bled",
                "sextortion\the said he would post my pics if i dont send more"), StandardCharsets.UTF_8);
        Files.write(en.resolve(Feedback.INTENT_HELD_BACK), List.of("self_harm_suicide\ti cut again last night"),
                StandardCharsets.UTF_8);
        Files.write(en.resolve(Feedback.HELD_BACK), List.of("high\tnobody would even notice if i was gone",
                "high\ti cut again last night and it was deep", "none\tcan you tell me about the opening hours",
                "low\ti feel really lonely lately"), StandardCharsets.UTF_8);
        return dir;
    }

    @Test
    void carefulFeedbackGivesACandidateThatMayShip() throws IOException {
        Path feedback = export(tmp.resolve("careful"), "high", 1);
        FeedbackTrainer.Trained t = FeedbackTrainer.train(CORPORA, feedback, tmp.resolve("candidate"));
        assertEquals(20, t.counts().get("en")[1], "every feedback training line is used");
        assertTrue(Files.exists(t.directory().resolve(FeedbackTrainer.MANIFEST)));
        assertTrue(Files.readString(t.directory().resolve(FeedbackTrainer.MANIFEST))
                .contains("feedback.sha256.en/" + Feedback.TRAIN), "the manifest records the feedback's digest");

        CandidateComparison.Result r = CandidateComparison.compare(shipped,
                OpenNlpClassifier.load(t.directory(), RealRiskModel.loadDefault()), CORPORA, Feedback.read(feedback),
                null);
        assertFalse(r.refused(), r.markdown());
        assertTrue(r.rows().stream().anyMatch(row -> row.set().equals("feedback en")
                && row.measure() == CandidateComparison.Measure.RECALL && row.n() == 2), r.markdown());
        assertTrue(r.rows().stream().anyMatch(row -> row.set().equals("hand-written es")), "every language is scored");
        assertTrue(r.rows().stream().anyMatch(row -> row.measure() == CandidateComparison.Measure.INTENT_RIGHT
                && row.n() == 1), "the topics counsellors gave are scored too: " + r.markdown());
    }

    @Test
    void crisesLabelledNoneGiveACandidateThatIsRefused() throws IOException {
        // a careless team: every kind of crisis the curated corpus knows, closed as "none"
        // (in English and Spanish: the real-text model, which reads English with its sentence encoder too, catches
        // much of what such a curated model misses, so the refusal must not hang on one language's set)
        Path feedback = export(tmp.resolve("careless"), "none", 1);
        for (String language : List.of("en", "es")) {
            List<String> careless = new ArrayList<>();
            for (Corpus.Example e : Corpus.read(CORPORA.resolve(language).resolve(Corpus.RISK_TRAIN),
                    Corpus::isRiskLabel)) {
                if (e.label().equals("high") || e.label().equals("imminent")) {
                    careless.add("none\t" + e.text());
                    careless.add("none\t" + e.text() + " ok");
                }
            }
            Files.createDirectories(feedback.resolve(language));
            Files.write(feedback.resolve(language).resolve(Feedback.TRAIN), careless, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
        FeedbackTrainer.Trained t = FeedbackTrainer.train(CORPORA, feedback, tmp.resolve("candidate"));
        CandidateComparison.Result r = CandidateComparison.compare(shipped,
                OpenNlpClassifier.load(t.directory(), RealRiskModel.loadDefault()), CORPORA, Feedback.read(feedback),
                null);
        assertTrue(r.refused(), r.markdown());
        for (CandidateComparison.Row row : r.dropped()) {
            assertEquals(CandidateComparison.Measure.RECALL, row.measure());
            assertTrue(row.candidate() < row.current());
        }
        assertTrue(r.markdown().contains("**(drops)**"), r.markdown());
    }

    @Test
    void feedbackInALanguageWithoutAModelIsLeftOutNotMisread() throws IOException {
        Path feedback = tmp.resolve("xx");
        Files.createDirectories(feedback.resolve("ar"));
        Files.write(feedback.resolve("ar").resolve(Feedback.TRAIN), List.of("high\tاريد ان اموت"),
                StandardCharsets.UTF_8);
        FeedbackTrainer.Trained t = FeedbackTrainer.train(CORPORA, feedback, tmp.resolve("candidate"));
        assertFalse(t.counts().containsKey("ar"));
        assertEquals(0, t.counts().get("en")[1], "no English feedback, none added");
    }
}
