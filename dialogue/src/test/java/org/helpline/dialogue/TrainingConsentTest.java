package org.helpline.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helpline.dialogue.event.ConsentGiven;
import org.helpline.dialogue.event.ErasureRequested;
import org.helpline.dialogue.event.EscalationRequested;
import org.helpline.dialogue.event.TrainingConsentGiven;
import org.helpline.dialogue.event.TrainingConsentWithdrawn;
import org.helpline.dialogue.flow.FlowLoader;
import org.helpline.dialogue.flow.FlowSet;
import org.helpline.nlp.KeywordClassifier;
import org.helpline.nlp.RiskTier;
import org.junit.jupiter.api.Test;

/**
 * Consent to training use: its own question after the privacy notice, "no" changing nothing else, nobody under the
 * helpline's minimum age asked, withdrawal by keyword and by erasure.
 */
class TrainingConsentTest {
    private static final FlowSet FLOWS = FlowLoader.fromClasspath();
    private final Engine engine = new Engine(FLOWS);
    /** A helpline that set no minimum age: the question is put to everyone, no age asked. */
    private final Engine noMinimum = new Engine(FLOWS.withTrainingMinAge(0));
    private final KeywordClassifier classifier = new KeywordClassifier();
    private final Instant now = Instant.parse("2026-05-01T12:00:00Z");

    private Step say(Engine e, Session s, String text) {
        Step step = e.resume(s, new Input(text, 0, now, classifier.classify(text, s.language()),
                Map.of(Engine.COUNTRY_LANGUAGE, "en")));
        // as the gateway stores it between messages
        assertEquals(step.session(), Session.fromMap(step.session().toMap()));
        return step;
    }

    private Step say(Session s, String text) {
        return say(engine, s, text);
    }

    /** The notice accepted, at the age question (English settled by the number's country). */
    private Session atAgeQuestion(Engine e) {
        Step yes = say(e, say(e, e.newSession("en"), "hi").session(), "yes");
        assertTrue(yes.event(ConsentGiven.class).isPresent());
        return yes.session();
    }

    private Session atTrainingQuestion() {
        Step age = say(atAgeQuestion(engine), "17");
        assertEquals("training_ask", age.session().node());
        return age.session();
    }

    @Test
    void theShippedFlowsAskTheAgeFirstWithAMinimumOf16() {
        assertEquals(16, FLOWS.trainingMinAge());
        Step yes = say(say(engine.newSession("en"), "hi").session(), "yes");
        assertEquals("training_age", yes.session().node());
        assertEquals("How old are you? Reply with a number, or SKIP.", yes.replies().get(1));
        assertFalse(yes.session().trainingConsented(), "accepting the notice is not training consent");
        assertTrue(yes.event(TrainingConsentGiven.class).isEmpty());
    }

    @Test
    void yesRecordsTrainingConsentAndEmitsTheEvent() {
        Step yes = say(atTrainingQuestion(), "yes");
        assertEquals(now, yes.session().trainingConsentAt());
        assertTrue(yes.session().trainingConsented());
        assertTrue(yes.event(TrainingConsentGiven.class).isPresent());
        assertEquals("Thank you. Changed your mind? Text NOLEARN any time.", yes.replies().get(0));
    }

    @Test
    void noRecordsNothingAndChangesNothingButTheAcknowledgement() {
        Session question = atTrainingQuestion();
        Step yes = say(question, "yes");
        Step no = say(question, "no");
        assertNull(no.session().trainingConsentAt());
        assertTrue(no.events().stream().noneMatch(e -> e instanceof TrainingConsentGiven
                || e instanceof TrainingConsentWithdrawn), no.events().toString());
        assertEquals(yes.session().flow(), no.session().flow());
        assertEquals(yes.session().node(), no.session().node());
        assertEquals("menu", no.session().flow());
        assertEquals(yes.replies().subList(1, yes.replies().size()), no.replies().subList(1, no.replies().size()));
        assertEquals("OK, we won't. We help you just the same.", no.replies().get(0));
        // and the same service afterwards: the same replies to the same messages
        Session a = yes.session();
        Session b = no.session();
        for (String text : List.of("2", "1", "how long")) {
            Step sa = say(a, text);
            Step sb = say(b, text);
            assertEquals(sa.replies(), sb.replies(), text);
            assertEquals(sa.session().node(), sb.session().node(), text);
            assertEquals(sa.session().escalatedRisk(), sb.session().escalatedRisk(), text);
            a = sa.session();
            b = sb.session();
        }
    }

    @Test
    void anyOtherReplyGivesNoConsentAndIsHandledAsTheMenuWouldHandleIt() {
        Step menuNumber = say(atTrainingQuestion(), "1");
        assertNull(menuNumber.session().trainingConsentAt());
        assertEquals("counsellor", menuNumber.session().flow(), "1 at the question is the menu's 1: a counsellor");
        assertTrue(menuNumber.event(EscalationRequested.class).isPresent());
        Step unclear = say(atTrainingQuestion(), "what?");
        assertNull(unclear.session().trainingConsentAt());
        assertEquals("menu", unclear.session().flow());
        assertTrue(unclear.replies().get(0).startsWith("What would you like help with?"), unclear.replies().toString());
    }

    @Test
    void underTheMinimumSkippedOrUnclearNoQuestionIsPut() {
        for (String answer : List.of("15", "I'm 13", "9 years old", "skip", "SKIP", "rather not say", "no")) {
            Step step = say(atAgeQuestion(engine), answer);
            assertEquals("menu", step.session().flow(), answer);
            assertNull(step.session().trainingConsentAt(), answer);
            assertTrue(step.replies().stream().noneMatch(r -> r.contains("use your messages")), answer);
            assertTrue(step.events().stream().noneMatch(e -> e instanceof TrainingConsentGiven), answer);
            // nothing about the answer is kept: no age in the stored session
            assertFalse(step.session().toMap().containsValue("15"), answer);
        }
        // what they came to say at the age question is not an age, whatever number it holds
        Step disclosure = say(atAgeQuestion(engine), "im 16 and some people in the group chat keep making fun of me");
        assertEquals("bullying", disclosure.session().flow());
        assertNull(disclosure.session().trainingConsentAt());
        for (String answer : List.of("16", "I'm 16", "i am 17 years old", "18yo")) {
            assertEquals("training_ask", say(atAgeQuestion(engine), answer).session().node(), answer);
        }
    }

    @Test
    void ageAnswersInEveryShippedLanguage() {
        assertEquals(Optional.of(16), engine.age("tengo 16 años", "es"));
        assertEquals(Optional.of(16), engine.age("j'ai 16 ans", "fr"));
        assertEquals(Optional.of(17), engine.age("tenho 17 anos", "pt"));
        assertEquals(Optional.of(15), engine.age("nina miaka 15", "sw"));
        assertEquals(Optional.empty(), engine.age("3", "en"), "a menu number is not an age");
        assertEquals(Optional.empty(), engine.age("15 16", "en"));
        assertEquals(Optional.empty(), engine.age("under 16", "en"), "only the words an age comes with");
        assertEquals(Optional.empty(), engine.age("100", "en"));
    }

    @Test
    void withNoMinimumConfiguredTheQuestionIsPutWithoutAskingTheAge() {
        Session s = atAgeQuestion(noMinimum);
        assertEquals("training_ask", s.node());
        Step yes = say(noMinimum, s, "yes");
        assertTrue(yes.session().trainingConsented());
        assertThrows(IllegalArgumentException.class, () -> FLOWS.withTrainingMinAge(-1));
        assertThrows(IllegalArgumentException.class, () -> FLOWS.withTrainingMinAge(FlowSet.MAX_TRAINING_MIN_AGE + 1));
    }

    @Test
    void aCrisisMessageAtTheQuestionsStillEscalatesAtOnce() {
        for (Session at : List.of(atAgeQuestion(engine), atTrainingQuestion())) {
            Step crisis = say(at, "i am going to kill myself tonight");
            EscalationRequested e = crisis.event(EscalationRequested.class).orElseThrow();
            assertEquals(RiskTier.IMMINENT, e.risk());
            assertTrue(crisis.replies().get(0).startsWith("If you are in danger right now"), crisis.replies().toString());
            assertEquals("waiting", crisis.session().node());
            assertNull(crisis.session().trainingConsentAt());
        }
        // and asking for a person works there too
        assertEquals("counsellor", say(atTrainingQuestion(), "can i talk to a counsellor").session().flow());
    }

    @Test
    void theWithdrawalKeywordWithdrawsInEveryShippedLanguageAndChangesNothingElse() {
        Session consented = say(atTrainingQuestion(), "yes").session();
        Session inBullying = say(consented, "2").session();
        Map<String, String> keywords = Map.of("en", "NOLEARN", "es", "NOAPRENDER", "fr", "NONAPPRENDRE",
                "pt", "NAOAPRENDER", "sw", "MSITUMIE");
        for (Map.Entry<String, String> k : keywords.entrySet()) {
            Session s = inBullying.withLanguage(k.getKey());
            Step off = say(s, k.getValue());
            assertNull(off.session().trainingConsentAt(), k.toString());
            assertEquals(new TrainingConsentWithdrawn(TrainingConsentWithdrawn.KEYWORD),
                    off.event(TrainingConsentWithdrawn.class).orElseThrow());
            assertEquals(1, off.replies().size(), k.toString());
            assertEquals(FLOWS.catalogue().render(k.getKey(), "training.withdrawn", Map.of()), off.replies().get(0));
            assertEquals(s.withTrainingConsent(null).withLastSaid("training.withdrawn").withLastActivity(now),
                    off.session(), "nothing else changes: " + k);
            // each keyword is said in its own language's yes-acknowledgement
            assertTrue(FLOWS.catalogue().raw(k.getKey(), "training.yes").contains(k.getValue()), k.toString());
        }
        // also for someone who texted STOP (consent withdrawal never waits for START), and with none on record
        Step stopped = say(consented.withOptedOut(true), "nolearn");
        assertNull(stopped.session().trainingConsentAt());
        assertTrue(stopped.session().optedOut());
        assertTrue(stopped.event(TrainingConsentWithdrawn.class).isPresent());
        assertTrue(say(atAgeQuestion(engine), "nolearn").event(TrainingConsentWithdrawn.class).isPresent());
        // inside a sentence it is an ordinary message
        assertTrue(say(inBullying, "i dont want you to nolearn me haha").event(TrainingConsentWithdrawn.class)
                .isEmpty());
    }

    @Test
    void erasureWithdrawsTrainingConsent() {
        Session consented = say(atTrainingQuestion(), "yes").session();
        Step confirm = say(consented, "delete");
        Step erased = say(confirm.session(), "yes");
        assertTrue(erased.event(ErasureRequested.class).isPresent());
        assertEquals(new TrainingConsentWithdrawn(TrainingConsentWithdrawn.ERASURE),
                erased.event(TrainingConsentWithdrawn.class).orElseThrow());
        assertNull(erased.session().trainingConsentAt());
        Step quiet = say(say(atTrainingQuestion(), "yes").session(), "gtg delete");
        assertTrue(quiet.replies().isEmpty(), "the quiet exit says nothing");
        assertNull(quiet.session().trainingConsentAt());
        assertTrue(quiet.event(TrainingConsentWithdrawn.class).isPresent());
    }

    @Test
    void aSessionStoredBeforeTrainingConsentExistedReadsAsNoConsent() {
        Map<String, String> old = new HashMap<>(Map.of("flow", "menu", "node", "start", "language", "en",
                "consentedAt", "2026-01-01T10:00:00Z", "optedOut", "false", "escalatedRisk", "NONE"));
        Session s = Session.fromMap(old);
        assertTrue(s.consented());
        assertFalse(s.trainingConsented());
        assertNull(s.trainingConsentAt());
        Session given = s.withTrainingConsent(now);
        assertEquals("2026-05-01T12:00:00Z", given.toMap().get(Session.TRAINING_CONSENT_FIELD));
        assertEquals(given, Session.fromMap(given.toMap()));
        assertFalse(s.toMap().containsKey(Session.TRAINING_CONSENT_FIELD), "absent values are left out");
    }
}
