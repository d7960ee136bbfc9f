package org.helpline.gateway.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helpline.gateway.privacy.Pseudonymiser;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.gateway.queue.QueueEntry;
import org.helpline.gateway.support.Forms;
import org.helpline.gateway.support.Http;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.helpline.gateway.support.TwilioSigner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Risk triage end to end, through signed webhooks into the real classifier, engine, Redis and queue: the tier rules
 * (explicit statements get the emergency numbers, time words alone raise nothing, ordinary "i want…" requests are
 * not escalated), invisible and look-alike characters never lowering a tier, crisis words in languages without a
 * model, and a conversation whose messages are each below HIGH reaching the queue together.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RiskTriageWebhookTest implements TestPropertyProvider {
    static final String TOKEN = "test-auth-token-0123456789";
    static final String PUBLIC = "https://helpline.example.org";
    /** The UK's emergency number (system.risk_imminent for a texter with a UK mobile number). */
    static final String EMERGENCY = "call 999";

    @Inject
    EmbeddedServer server;
    @Inject
    Pseudonymiser pseudonymiser;
    @Inject
    LiveQueue queue;

    /**
     * Each LOW alone (real-text evidence 0.13-0.21, under the threshold); together, three in a row are a
     * conversation a counsellor should see.
     */
    static final List<String> BELOW_HIGH_RUN = List.of("i got bullied again today", "my mum shouts at me a lot",
            "i feel like such a burden");

    int sid = 0;
    int number = 0;

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of("risk-triage", "twilio.auth-token", TOKEN, "helpline.public-url", PUBLIC);
    }

    @BeforeEach
    void clean() {
        TestRedis.flush();
    }

    private String body(String from, String text) {
        Map<String, String> fields = Forms.inbound(String.format("SM%032d", ++sid), from, text);
        HttpResponse<String> r = Http.post(server.getURL() + "/twilio/messages", "application/x-www-form-urlencoded",
                Http.utf8(Http.form(fields)),
                Map.of("X-Twilio-Signature", TwilioSigner.sign(TOKEN, PUBLIC + "/twilio/messages", fields)));
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    /** A new UK texter who has accepted the notice, answered the age question and chosen English: at the menu. */
    private String consented() {
        String from = String.format("+4474001%05d", ++number);
        body(from, "hi");
        String next = body(from, "yes");
        if (next.contains("How old are you?")) {
            next = body(from, "15"); // under the training minimum age: no training question
        }
        if (next.contains("Which language")) {
            body(from, "1"); // (a UK number settles English: the menu comes without the question)
        }
        return from;
    }

    private Optional<QueueEntry> entry(String from) {
        return queue.entry(pseudonymiser.pseudonym(from));
    }

    @Test
    void anExplicitStatementGetsTheEmergencyNumbersAndACounsellor() {
        for (String text : List.of("i want to die", "i wanna kms fr", "i cut myself again")) {
            String from = consented();
            String reply = body(from, text);
            assertTrue(reply.contains(EMERGENCY), text + " -> " + reply);
            QueueEntry e = entry(from).orElseThrow(() -> new AssertionError(text + " did not reach the queue"));
            assertTrue(e.tierName().equals("HIGH") || e.tierName().equals("IMMINENT"), text + ": " + e.tierName());
        }
    }

    @Test
    void planMeansOrTimingIsImminentButTimeWordsAloneRaiseNothing() {
        String from = consented();
        String reply = body(from, "i took the pills");
        assertTrue(reply.contains(EMERGENCY), reply);
        assertEquals("IMMINENT", entry(from).orElseThrow().tierName());

        for (String text : List.of("i want an alarm for 6 am", "i want to track a parcel",
                "text my friend I'll be there in 10 minutes", "what are you doing tonight", "ok right now")) {
            String ordinary = consented();
            String answer = body(ordinary, text);
            assertFalse(answer.contains(EMERGENCY), text + " -> " + answer);
            assertTrue(entry(ordinary).isEmpty(), text + " was escalated");
        }
    }

    /** Written for this test: more than 280 characters, read by the sentence encoder beside the n-gram model. */
    static final String LONG_MESSAGE = "everything is falling apart. i failed my exams, my girlfriend left me last "
            + "week and my dad said i am a disappointment. i havent eaten properly in days and i cant sleep. i keep "
            + "thinking that the world would keep going without me and nobody would even notice i was gone. i have "
            + "been looking at the bridge on my way home every day and thinking about it more and more";

    @Test
    void aLongMessageIsReadWholeAndItsPlanMakesItImminent() {
        String from = consented();
        String reply = body(from, LONG_MESSAGE);
        QueueEntry e = entry(from).orElseThrow(() -> new AssertionError("the long message did not reach the queue"));
        assertEquals("IMMINENT", e.tierName(), e.reasons().toString());
        assertTrue(e.reasons().stream().anyMatch(r -> r.startsWith("real-text model: high")), e.reasons().toString());
        assertTrue(reply.contains(EMERGENCY), reply);
    }

    @Test
    void invisibleAndLookAlikeCharactersNeverLowerTheTier() {
        List<String> disguised = List.of(
                "I want to kill my\u200Bself tonight",         // zero-width space
                "I want to kill my\u00ADself tonight",         // soft hyphen
                "\u202EI want to kill myself tonight",         // right-to-left override
                "I want to k\u0456ll myself t\u043Enight",     // Cyrillic і and о
                "I want to k i l l  m y s e l f tonight");     // spaced out
        for (String text : disguised) {
            String from = consented();
            String reply = body(from, text);
            assertTrue(reply.contains(EMERGENCY), text + " -> " + reply);
            assertEquals("IMMINENT", entry(from).orElseThrow(() -> new AssertionError(text)).tierName(), text);
        }
    }

    @Test
    void crisisWordsInALanguageWithoutAModelEscalateBeforeConsent() {
        for (String text : List.of("je veux mourir", "vou me matar hoje à noite", "nataka kufa")) {
            String from = String.format("+4474001%05d", ++number);
            String reply = body(from, text);
            assertTrue(entry(from).isPresent(), text + " did not reach the queue: " + reply);
        }
    }

    @Test
    void aRunOfWorryingMessagesReachesACounsellorTogether() {
        // before consent: no menu flow routes the messages anywhere, so only the risk decides
        String from = String.format("+4474001%05d", ++number);
        List<String> messages = BELOW_HIGH_RUN;
        for (int i = 0; i < messages.size() - 1; i++) {
            body(from, messages.get(i));
            assertTrue(entry(from).isEmpty(), "message " + (i + 1) + " alone escalated: " + messages.get(i));
        }
        body(from, messages.get(messages.size() - 1));
        QueueEntry e = entry(from).orElseThrow(() -> new AssertionError("the run never reached the queue"));
        assertEquals("HIGH", e.tierName());
        assertTrue(e.reasons().stream().anyMatch(r -> r.startsWith("conversation: ")), e.reasons().toString());
    }
}
