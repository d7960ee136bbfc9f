package org.helpline.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.helpline.dialogue.event.EscalationRequested;
import org.helpline.dialogue.flow.FlowLoader;
import org.helpline.nlp.Classification;
import org.helpline.nlp.KeywordClassifier;
import org.helpline.nlp.RiskTier;
import org.junit.jupiter.api.Test;

/** Engine rules that goldens show but that deserve a named test. */
class EngineTest {
    private final Engine engine = new Engine(FlowLoader.fromClasspath());
    private final KeywordClassifier classifier = new KeywordClassifier();
    private final Instant now = Instant.parse("2026-05-01T12:00:00Z");

    private Step say(Session s, String text) {
        return engine.resume(s, new Input(text, 0, now, classifier.classify(text, s.language()), Map.of()));
    }

    @Test
    void aWorryingMessageInLineThatRaisesNothingIsStillAnswered() {
        Session s = say(say(say(engine.newSession("en"), "hi").session(), "yes").session(), "1").session();
        Session imminent = say(say(s, "counsellor").session(), "i have the pills here and i am going to take them")
                .session();
        assertEquals(RiskTier.IMMINENT, imminent.escalatedRisk());
        Step home = say(imminent, "my dad hits me and i am scared to go home");
        assertTrue(home.events().stream().anyMatch(e -> e instanceof org.helpline.dialogue.event.RiskAssessed));
        assertEquals(1, home.replies().size(), "answered, not silence: " + home.replies());
        assertTrue(home.replies().get(0).contains("not safe at home")
                        && home.replies().get(0).contains("call your local emergency number"), // (no country given)
                home.replies().toString());
        assertEquals("waiting", home.session().node());
    }

    @Test
    void theWaitIsToldWithWhatTheCallerKnows() {
        Session s = say(say(say(say(engine.newSession("en"), "hi").session(), "yes").session(), "1").session(),
                "counsellor").session();
        Classification c = classifier.classify("how long", "en");
        assertTrue(engine.resume(s, new Input("how long", 0, now, c, Map.of())).replies().get(0)
                .startsWith("You are in line"));
        assertTrue(engine.resume(s, new Input("how long", 0, now, c, Map.of("position", "4"))).replies().get(0)
                .startsWith("You are number 4 in line. A counsellor"));
        assertTrue(engine.resume(s, new Input("how long", 0, now, c, Map.of("position", "4", "minutes", "9")))
                .replies().get(0).contains("about 9 min"));
    }

    @Test
    void sameInputsGiveTheSameStep() {
        Session s = engine.newSession("en");
        assertEquals(say(s, "hi"), say(s, "hi"));
    }

    @Test
    void classifierFailureFailsSafeToAnEscalation() {
        Session s = engine.newSession("en");
        Step step = engine.resume(s, new Input("anything", 0, now, Classification.failSafe("en", "timeout"), Map.of()));
        EscalationRequested e = step.event(EscalationRequested.class).orElseThrow();
        assertEquals("classifier_failure", e.reason());
        assertEquals(RiskTier.HIGH, e.risk());
    }

    @Test
    void anExplicitStatementAtHighSendsTheEmergencyNumbersEveryTime() {
        Step first = say(engine.newSession("en"), "i want to die");
        assertEquals(RiskTier.HIGH, first.event(EscalationRequested.class).orElseThrow().risk());
        assertTrue(first.replies().stream().anyMatch(r -> r.startsWith("If you are in danger right now")),
                first.replies().toString());
        Step again = say(first.session(), "i cut myself again");
        assertTrue(again.replies().stream().anyMatch(r -> r.startsWith("If you are in danger right now")),
                again.replies().toString());
        Step worried = say(first.session(), "my friend is being bullied");
        assertFalse(worried.replies().stream().anyMatch(r -> r.startsWith("If you are in danger right now")));
    }

    private Step withEvidence(Session s, String text, double evidence) {
        Classification low = new Classification("en", org.helpline.nlp.Intent.OTHER, 0.9,
                new org.helpline.nlp.RiskAssessment(RiskTier.LOW, java.util.List.of("curated model: low"), false,
                        false, evidence));
        return engine.resume(s, new Input(text, 0, now, low, Map.of()));
    }

    @Test
    void aRunOfLowMessagesEscalatesTheConversation() {
        Session menu = say(say(engine.newSession("en"), "hi").session(), "yes").session();
        Step one = withEvidence(menu, "so tired of everything", 0.2);
        assertFalse(one.event(EscalationRequested.class).isPresent(), "one LOW message alone");
        assertTrue(one.session().runningRisk() > 0);
        Step two = withEvidence(one.session(), "nobody would notice if i was gone", 0.2);
        EscalationRequested e = two.event(EscalationRequested.class).orElseThrow();
        assertEquals(RiskTier.HIGH, e.risk());
        assertTrue(e.reasons().get(0).startsWith("conversation: "), e.reasons().toString());

        // once escalated, the score does not turn every later message into another HIGH (the flow answers them)
        Step waiting = withEvidence(two.session(), "ok", 0.01);
        assertFalse(waiting.replies().isEmpty(), "the waiting flow still answers");
        assertTrue(waiting.events().stream().noneMatch(ev -> ev instanceof org.helpline.dialogue.event.RiskAssessed
                r && r.reasons().get(0).startsWith("conversation: ")), waiting.events().toString());
        // and a released case starts from nothing
        Step released = engine.release(two.session(), new Input("", 0, now, Classification.empty("en"), Map.of()));
        assertEquals(0.0, released.session().runningRisk());

        Step ordinary = withEvidence(menu, "what time do you open", 0.02);
        Step still = withEvidence(ordinary.session(), "ok thanks", 0.03);
        assertEquals(0.0, still.session().runningRisk(), "ordinary messages add nothing");
        assertFalse(still.event(EscalationRequested.class).isPresent());
    }

    @Test
    void aSecondEscalationOnlyRaisesTheTier() {
        Step first = say(engine.newSession("en"), "i want to die");
        assertTrue(first.event(EscalationRequested.class).isPresent());
        Step again = say(first.session(), "i want to die");
        assertFalse(again.event(EscalationRequested.class).isPresent(), "same tier: no second escalation");
        Step higher = say(again.session(), "i took the pills");
        assertEquals(RiskTier.IMMINENT, higher.event(EscalationRequested.class).orElseThrow().risk());
    }

    @Test
    void releaseEndsTheEscalationAndShowsTheMenuOrTheNoticeIfNeverAccepted() {
        Step hi = say(engine.newSession("en"), "hi");
        Step yes = say(hi.session(), "yes");
        Step escalated = say(yes.session(), "counsellor please");
        Step released = engine.release(escalated.session(),
                new Input("", 0, now, Classification.empty("en"), Map.of()));
        assertEquals(RiskTier.NONE, released.session().escalatedRisk());
        assertEquals("menu", released.session().flow());
        assertTrue(released.replies().get(0).startsWith("What would you like help with?"));

        Step straightToAPerson = say(engine.newSession("en"), "counsellor please");
        Step afterwards = engine.release(straightToAPerson.session(),
                new Input("", 0, now, Classification.empty("en"), Map.of()));
        assertEquals("welcome", afterwards.session().flow(), "the menu needs the privacy notice accepted");
    }

    @Test
    void joinKeywordJoinsTheListFromAnywhereAndStopStillWins() {
        Step hi = say(engine.newSession("en"), "hi");
        Step join = say(hi.session(), "JOIN");
        assertTrue(join.event(org.helpline.dialogue.event.ListJoined.class).isPresent(), join.events().toString());
        assertEquals("JOIN", join.event(org.helpline.dialogue.event.ListJoined.class).get().how());
        assertTrue(join.replies().get(0).contains("safety tips"), join.replies().toString());
        Step es = say(engine.newSession("es"), "unirme");
        assertTrue(es.event(org.helpline.dialogue.event.ListJoined.class).isPresent(), es.events().toString());
        // a first message that is the keyword: the privacy notice, then the confirmation
        assertTrue(String.join(" ", es.replies()).contains("consejos de seguridad"), es.replies().toString());
        Step stop = say(join.session(), "STOP");
        assertTrue(stop.event(org.helpline.dialogue.event.OptedOut.class).isPresent());
        assertTrue(stop.event(org.helpline.dialogue.event.ListJoined.class).isEmpty());
        // "join" inside a sentence is an ordinary message, not a subscription
        Step sentence = say(join.session(), "can i join a club at school");
        assertTrue(sentence.event(org.helpline.dialogue.event.ListJoined.class).isEmpty());
    }

    @Test
    void oddInputNeverBreaksTheSession() {
        Session s = engine.newSession("en");
        for (String text : new String[] {"", " ", "\u202Eerom\u202C", "🙂🙂🙂", "x".repeat(1600), "\u0000\u0007",
                "مرحبا", "\uD83D", "STOP STOP", "s t o p"}) {
            Step step = say(s, text);
            s = Session.fromMap(step.session().toMap());
        }
        assertTrue(s.started());
    }

    @Test
    void notSafeInsideADisclosureIsADangerNotARequestToHoldReplies() {
        assertEquals(java.util.Optional.of(Engine.SafetyCommand.NOT_SAFE), engine.safetyCommand("NOT SAFE", "en"));
        assertEquals(java.util.Optional.of(Engine.SafetyCommand.NOT_SAFE),
                engine.safetyCommand("is it safe for you to text me back? my mum checks my phone", "en"));
        assertEquals(java.util.Optional.of(Engine.SafetyCommand.NOT_SAFE), engine.safetyCommand("no es seguro", "es"));
        assertEquals(java.util.Optional.empty(), engine.safetyCommand("i'm not safe at home, my dad hits me", "en"));
        assertEquals(java.util.Optional.empty(), engine.safetyCommand("no es seguro estar en mi casa", "es"));
        Step step = say(engine.newSession("en"), "i'm not safe at home, my dad hits me");
        assertFalse(step.session().notSafeToText());
    }
}
