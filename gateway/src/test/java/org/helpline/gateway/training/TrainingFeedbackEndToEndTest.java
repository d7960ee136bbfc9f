package org.helpline.gateway.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.helpline.gateway.audit.AuditLog;
import org.helpline.gateway.console.Users;
import org.helpline.gateway.support.ConsoleBrowser;
import org.helpline.gateway.support.SignedTexter;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.helpline.gateway.support.TwilioStandIn;
import org.helpline.nlp.OpenNlpClassifier;
import org.helpline.nlp.RealRiskModel;
import org.helpline.nlp.RiskTier;
import org.helpline.nlp.train.CandidateComparison;
import org.helpline.nlp.train.Corpus;
import org.helpline.nlp.train.Feedback;
import org.helpline.nlp.train.FeedbackTrainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Learning from counsellors, end to end: young people text signed webhooks and answer the training question; a
 * counsellor closes each conversation with the risk reviewed and the messages that mattered ticked; only the
 * consented ones reach the training store, and a withdrawal takes them out again; {@code scripts/export-training}
 * exports them over HTTP as an administrator (audited) into the corpus format; a candidate is retrained with them and
 * compared with the shipped models. A careful team's labels (generated conversations) give a candidate that may
 * ship; a careless team's (crises closed as "no risk") give one that is refused, naming the sets whose recall drops.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainingFeedbackEndToEndTest implements TestPropertyProvider {
    static final Path CORPORA = Path.of("..", "nlp-models", "corpora");
    final TwilioStandIn twilio = new TwilioStandIn();
    int number;

    @Inject
    EmbeddedServer server;
    @Inject
    Users users;
    @Inject
    TrainingStore store;
    @Inject
    AuditLog audit;

    @TempDir
    Path tmp;

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.signedTwilio("training-e2e", twilio, "helpline.queue.jobs.enabled", "false");
    }

    @BeforeAll
    void usersExist() {
        TestRedis.flush();
        users.create("ana", "ana-password-1", List.of("COUNSELLOR"), List.of("en"), 5);
        users.create("ada", "ada-password-1", List.of("ADMIN"), List.of("en"), 1);
    }

    @AfterAll
    void stopStandIn() {
        twilio.close();
    }

    private SignedTexter texter() {
        return new SignedTexter(server.getURL().toString(), TestProperties.TOKEN, TestProperties.PUBLIC,
                String.format("+4477009%05d", ++number));
    }

    /** Through the notice, the age and the training question, then asking for a person and saying {@code what}. */
    private SignedTexter waiting(String trainingAnswer, String what) {
        SignedTexter t = texter();
        t.says("hi");
        assertTrue(t.says("yes").contains("How old are you?"));
        String question = t.says("17");
        assertTrue(question.contains("without your phone number"), "the training question is asked: " + question);
        t.says(trainingAnswer);
        assertTrue(t.says("can i talk to a counsellor").contains("in line"));
        t.says(what);
        return t;
    }

    private static String field(String json, String name) {
        int i = json.indexOf("\"" + name + "\":\"");
        return json.substring(i + name.length() + 4, json.indexOf('"', i + name.length() + 4));
    }

    /** Ana takes the next conversation, ticks the message containing {@code mattered} and closes it reviewed HIGH. */
    private String closeReviewed(ConsoleBrowser ana, String mattered, String names) {
        var next = ana.post("/console/api/next", "{}");
        assertEquals(200, next.statusCode(), next.body());
        String id = field(next.body(), "conversation");
        String view = ana.get("/console/api/conversations/" + id).body();
        int index = transcriptIndex(view, mattered);
        String feedback = "/console/api/conversations/" + id + "/feedback";
        assertEquals(400, ana.post(feedback, "{\"riskReview\":\"SEVERE\"}").statusCode(), "an unknown risk level");
        assertEquals(400, ana.post(feedback, "{\"topic\":\"made_up\"}").statusCode(), "an unknown topic");
        assertEquals(200, ana.post(feedback, "{\"riskReview\":\"HIGH\",\"mattered\":[null," + index + "]}")
                .statusCode(), "a review in progress, nulls and all");
        var typo = ana.post("/console/api/conversations/" + id + "/close", "{\"disposition\":\"other\","
                + "\"outcome\":\"SUPPORTED\",\"riskReview\":\"HIGH\",\"mattered\":[" + index + "],"
                + "\"topic\":\"self_harm\",\"names\":\"" + names + "\"}");
        assertEquals(400, typo.statusCode(), "an unknown topic at close: " + typo.body());
        assertTrue(typo.body().contains("not one of the helpline's topics"), typo.body());
        var r = ana.post("/console/api/conversations/" + id + "/close", "{\"disposition\":\"other\","
                + "\"outcome\":\"SUPPORTED\",\"riskReview\":\"HIGH\",\"mattered\":[" + index + "],"
                + "\"topic\":\"self_harm_suicide\",\"names\":\"" + names + "\"}");
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    /** The index of the first transcript line holding {@code text}, as the console's view numbers them. */
    private static int transcriptIndex(String view, String text) {
        String transcript = view.substring(view.indexOf("\"transcript\":["));
        int i = 0;
        int from = 0;
        while (true) {
            int at = transcript.indexOf("{\"at\":", from);
            assertTrue(at >= 0, "no transcript line holds " + text);
            int end = transcript.indexOf("{\"at\":", at + 1);
            String line = end < 0 ? transcript.substring(at) : transcript.substring(at, end);
            if (line.contains(text)) {
                return i;
            }
            i++;
            from = at + 1;
        }
    }

    @Test
    void aConsentedConversationWalksThroughFeedbackExportRetrainingAndComparison() throws Exception {
        ConsoleBrowser ana = ConsoleBrowser.signIn(server.getURL().toString(), "ana", "ana-password-1");
        assertEquals(200, ana.post("/console/api/presence", "{\"presence\":\"available\"}").statusCode());

        waiting("yes", "my name is Zara and nobody would notice if i was gone, text 07700 900111");
        String consented = closeReviewed(ana, "nobody would notice", "Zara");
        assertTrue(consented.contains("\"keptForTraining\":1"), consented);

        waiting("no", "everything feels pointless and i keep crying in the toilets");
        String declined = closeReviewed(ana, "keep crying in the toilets", "");
        assertTrue(declined.contains("\"keptForTraining\":0"), "no consent, nothing kept: " + declined);

        SignedTexter changed = waiting("yes", "i hurt myself after school again yesterday");
        assertTrue(closeReviewed(ana, "after school again", "").contains("\"keptForTraining\":1"));
        assertEquals(2, store.size());
        changed.says("NOLEARN");
        assertEquals(1, store.size(), "the withdrawal keyword takes what was kept out again");

        // the careful team's other conversations (generated), kept as the close form keeps them
        generate("careful", RiskTier.HIGH, CAREFUL_CRISES, 3, "en");
        generate("careful-none", RiskTier.NONE, ORDINARY, 3, "en");

        Path export = exportTraining(tmp.resolve("export"));
        String train = read(export.resolve("en").resolve(Feedback.TRAIN));
        String heldBack = read(export.resolve("en").resolve(Feedback.HELD_BACK));
        String all = train + heldBack;
        assertTrue(all.contains("high\tmy name is <name> and nobody would notice if i was gone, text <number>"), all);
        assertFalse(all.contains("Zara") || all.contains("900111"), "names and numbers are scrubbed");
        assertFalse(all.contains("crying in the toilets"), "a non-consented conversation never reaches the store");
        assertFalse(all.contains("after school again"), "a withdrawn one is gone");
        assertFalse(heldBack.isBlank(), "some messages are held back to score the candidate");
        assertEquals("ada", audit.latest(1).get(0).actor());
        assertTrue(audit.latest(1).get(0).action().startsWith("training-export:"));

        OpenNlpClassifier shipped = OpenNlpClassifier.loadDefault();
        FeedbackTrainer.Trained careful = FeedbackTrainer.train(CORPORA, export, tmp.resolve("careful-candidate"));
        assertTrue(careful.counts().get("en")[1] > 0);
        CandidateComparison.Result accepted = CandidateComparison.compare(shipped,
                OpenNlpClassifier.load(careful.directory(), RealRiskModel.loadDefault()), CORPORA,
                Feedback.read(export), null);
        assertFalse(accepted.refused(), accepted.markdown());

        // a careless team closes every kind of crisis the curated corpora know as "no risk", in English and Spanish
        // (the real-text model, which reads English with its sentence encoder too, catches much of what such a
        // curated model then misses, so the refusal must not hang on one language's set)
        for (String language : List.of("en", "es")) {
            List<String> crises = new ArrayList<>();
            for (Corpus.Example e : Corpus.read(CORPORA.resolve(language).resolve(Corpus.RISK_TRAIN),
                    Corpus::isRiskLabel)) {
                if (e.label().equals("high") || e.label().equals("imminent")) {
                    crises.add(e.text());
                }
            }
            generate("careless-" + language, RiskTier.NONE, crises, 2, language);
        }
        Path careless = exportTraining(tmp.resolve("export-2"));
        FeedbackTrainer.Trained bad = FeedbackTrainer.train(CORPORA, careless, tmp.resolve("careless-candidate"));
        CandidateComparison.Result refused = CandidateComparison.compare(shipped,
                OpenNlpClassifier.load(bad.directory(), RealRiskModel.loadDefault()), CORPORA,
                Feedback.read(careless), null);
        assertTrue(refused.refused(), refused.markdown());
        assertTrue(refused.dropped().stream().allMatch(r -> r.measure() == CandidateComparison.Measure.RECALL));
    }

    static final List<String> CAREFUL_CRISES = List.of("i dont want to be here anymore honestly",
            "been hurting myself again since monday", "he said he would post my pics if i dont send more",
            "my stepdad hits me when mum is out", "i think about dying every night");
    static final List<String> ORDINARY = List.of("how do i block someone on instagram", "thanks that helped a lot",
            "i had an argument with my sister about the tv", "is this free to text");

    /** Closed conversations of generated young people, each message ticked, as {@link #closeReviewed} keeps them. */
    private void generate(String who, RiskTier reviewed, List<String> messages, int copies, String language) {
        int n = 0;
        for (int c = 0; c < copies; c++) {
            for (String m : messages) {
                String text = c == 0 ? m : m + (c == 1 ? " pls" : " rn");
                store.keep(String.format("%s-%064d", who, n++), language, List.of(new TrainingStore.Said(0, text)),
                        new TrainingStore.Labels(reviewed, RiskTier.LOW, Set.of(0), List.of(), null));
            }
        }
    }

    /** Runs scripts/export-training against this server as the administrator. */
    private Path exportTraining(Path out) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "../scripts/export-training", out.toString())
                .redirectErrorStream(true);
        pb.environment().put("HELPLINE_URL", server.getURL().toString());
        pb.environment().put("HELPLINE_ADMIN_USER", "ada");
        pb.environment().put("HELPLINE_ADMIN_PASSWORD", "ada-password-1");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("messages -> " + out), output);
        return out;
    }

    private static String read(Path f) throws IOException {
        return Files.exists(f) ? Files.readString(f) : "";
    }
}
