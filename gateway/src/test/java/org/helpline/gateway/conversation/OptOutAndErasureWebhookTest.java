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
import org.helpline.gateway.console.Users;
import org.helpline.gateway.privacy.Pseudonymiser;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.gateway.support.ConsoleBrowser;
import org.helpline.gateway.support.SignedTexter;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.cases.CaseRecord;
import org.helpline.gateway.cases.CaseRecords;
import org.helpline.gateway.cases.Outcome;
import org.helpline.gateway.support.TestRedis;
import org.helpline.gateway.support.TwilioStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Opt-out and erasure that cannot hurt a child in crisis, end to end: signed webhooks, the real engine, a real Redis
 * and queue, the console API with real log-ins, and counsellors' replies through the real Twilio SDK to a local
 * stand-in (what reached "Twilio" is what the stand-in created).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OptOutAndErasureWebhookTest implements TestPropertyProvider {
    static final String TOKEN = TestProperties.TOKEN;
    static final String PUBLIC = TestProperties.PUBLIC;
    final TwilioStandIn twilio = new TwilioStandIn();

    @Inject
    EmbeddedServer server;
    @Inject
    Pseudonymiser pseudonymiser;
    @Inject
    LiveQueue queue;
    @Inject
    Users users;
    @Inject
    ConversationStore store;
    @Inject
    CaseRecords records;

    int number = 0;

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.signedTwilio("optout", twilio);
    }

    @AfterAll
    void stopStandIn() {
        twilio.close();
    }

    @BeforeEach
    void clean() {
        TestRedis.flush();
        twilio.clear();
        users.create("ana", "ana-password-1", List.of("COUNSELLOR"), List.of("en", "es"), 5);
        users.create("sue", "sue-password-1", List.of("SUPERVISOR"), List.of("en"), 1);
    }

    private SignedTexter texter() {
        return new SignedTexter(server.getURL().toString(), TOKEN, PUBLIC, String.format("+4474009%05d", ++number));
    }

    private String id(SignedTexter t) {
        return pseudonymiser.pseudonym(t.from);
    }

    /** A counsellor signed in, available, holding this texter's conversation. */
    private ConsoleBrowser holding(SignedTexter t) {
        ConsoleBrowser ana = ConsoleBrowser.signIn(server.getURL().toString(), "ana", "ana-password-1");
        assertEquals(200, ana.post("/console/api/presence", "{\"presence\":\"available\"}").statusCode());
        HttpResponse<String> claimed = ana.post("/console/api/next", "{}");
        assertEquals(200, claimed.statusCode());
        assertTrue(claimed.body().contains(id(t)), claimed.body());
        return ana;
    }

    private long sentTo(SignedTexter t) {
        return twilio.created().stream().filter(c -> t.from.equals(c.to())).count();
    }

    @Test
    void stopWhileHeldTellsTheCounsellorAndBlocksTheirNextSendUntilStart() {
        SignedTexter t = texter();
        t.says("hi");
        t.says("yes");
        t.says("can i talk to a counsellor");
        ConsoleBrowser ana = holding(t);
        assertEquals(1, sentTo(t), "told a counsellor has joined");
        String path = "/console/api/conversations/" + id(t);
        assertEquals(200, ana.post(path + "/messages", "{\"text\":\"Hi, I'm here.\"}").statusCode());
        assertEquals(2, sentTo(t), "a reply before STOP reaches Twilio");

        String stopped = t.says("STOP");
        assertTrue(stopped.contains("You texted STOP, so we have stopped all messages"), stopped);
        assertTrue(stopped.contains("out of the line for a counsellor"), stopped);

        HttpResponse<String> refused = ana.post(path + "/messages", "{\"text\":\"Are you still there?\"}");
        assertEquals(422, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("texted STOP") && refused.body().contains("until they text START"),
                refused.body());
        assertEquals(2, sentTo(t), "the reply after STOP never reached Twilio");
        String view = ana.get(path).body();
        assertTrue(view.contains("\"kind\":\"opted-out\""), "the console shows why: " + view.length());
        assertTrue(view.contains("The young person texted STOP (opt-out; Twilio blocks the number too)"),
                "and the transcript says so");

        assertTrue(t.says("START").contains("Welcome back"));
        assertEquals(200, ana.post(path + "/messages", "{\"text\":\"Welcome back.\"}").statusCode());
        assertEquals(3, sentTo(t), "after START the counsellor can write again");
        assertEquals(List.of(), records.since(0), "held: no ended wait (the counsellor's close will record it)");
    }

    @Test
    void stopWhileWaitingLeavesTheQueueAndSpanishOptOutWordsCountToo() {
        SignedTexter t = texter();
        t.says("hi");
        t.says("yes");
        t.says("can i talk to a counsellor");
        assertTrue(queue.position(id(t)) >= 0);
        String stopped = t.says("end");
        assertTrue(stopped.contains("You texted END") && stopped.contains("Text START any time to come back"),
                stopped);
        assertEquals(-1, queue.position(id(t)), "no longer waiting");
        assertTrue(queue.entry(id(t)).isEmpty());
        List<CaseRecord> left = records.since(0);
        assertEquals(1, left.size(), "one report record for the wait: " + left);
        CaseRecord r = left.get(0);
        assertEquals(Outcome.OPTED_OUT_WAITING, r.outcome());
        assertTrue(r.notAnswered() && r.counsellor() == null && r.categories().isEmpty(), r.toString());
        assertEquals("LOW", r.tier());
        assertTrue(r.arrivedAt() != null && r.arrivedAt() <= r.closedAt(), r.toString());
        String raw = TestRedis.client().lindex(CaseRecords.recordsKey(), 0);
        assertTrue(raw.contains("\"counsellor\":null"), raw);
        assertFalse(raw.contains(t.from.substring(1)) || raw.contains(id(t)) || raw.contains("talk to"),
                "no number, no pseudonym, no text: " + raw);
        t.says("STOP");                                    // again (or Twilio retrying): the wait is already gone
        assertEquals(1, records.since(0).size());

        SignedTexter es = texter();
        es.says("hola q tal, tengo una pregunta");
        es.says("si");
        es.says("2");
        es.says("quiero hablar con un consejero");
        assertTrue(queue.position(id(es)) >= 0);
        String parar = es.says("PARAR");
        assertTrue(parar.contains("Escribiste PARAR") && parar.contains("Escribe START"), parar);
        assertEquals(-1, queue.position(id(es)));
        assertTrue(store.contact(id(es)).orElseThrow().optedOut(), "blocked at our send point: Twilio would not");
        assertEquals(2, records.since(0).stream().filter(x -> x.outcome() == Outcome.OPTED_OUT_WAITING).count());
    }

    @Test
    void deleteWhileImminentIsSeenByAPersonBeforeTheEntryGoes() {
        SignedTexter t = texter();
        t.says("hi");
        t.says("yes");
        t.says("1");
        String crisis = t.says("i have the pills and i am going to kill myself tonight");
        assertTrue(crisis.contains("call 999"), crisis);
        String id = id(t);
        assertEquals("IMMINENT", queue.entry(id).orElseThrow().tierName());

        assertTrue(t.says("DELETE").contains("Do you want us to delete everything"));
        String answer = t.says("yes");
        assertTrue(answer.contains("as soon as a counsellor has seen your request"), answer);
        assertTrue(answer.contains("call 999"), "the way to help stays in the answer");
        assertTrue(queue.position(id) >= 0, "still waiting: a person has not seen it");
        assertTrue(store.contact(id).isPresent() && !store.transcript(id).isEmpty(), "nothing erased yet");

        ConsoleBrowser sue = ConsoleBrowser.signIn(server.getURL().toString(), "sue", "sue-password-1");
        String overview = sue.get("/console/api/supervisor/overview").body();
        assertTrue(overview.contains("\"erasurePending\":true"), overview);
        String view = sue.get("/console/api/supervisor/conversations/" + id).body();
        assertTrue(view.contains("\"kind\":\"erasure-pending\""));
        HttpResponse<String> ack = sue.post("/console/api/supervisor/conversations/" + id + "/erasure", "{}");
        assertEquals(200, ack.statusCode(), ack.body());

        assertEquals(-1, queue.position(id), "seen, then gone");
        assertTrue(queue.entry(id).isEmpty());
        assertTrue(store.contact(id).isEmpty());
        assertTrue(store.transcript(id).isEmpty());
        assertEquals(409, sue.post("/console/api/supervisor/conversations/" + id + "/erasure", "{}").statusCode(),
                "nothing left to acknowledge");
    }

    @Test
    void deleteOfALowWaitingConversationStillErasesAtOnce() {
        SignedTexter t = texter();
        t.says("hi");
        t.says("yes");
        t.says("can i talk to a counsellor");
        t.says("DELETE");
        assertTrue(t.says("yes").contains("We have deleted your messages"));
        assertTrue(queue.entry(id(t)).isEmpty());
        assertFalse(store.contact(id(t)).isPresent());
    }

    @Test
    void deleteWhileHeldWaitsForTheCounsellorWhoErasesByAcknowledging() {
        SignedTexter t = texter();
        t.says("hi");
        t.says("yes");
        t.says("can i talk to a counsellor");
        ConsoleBrowser ana = holding(t);
        String reply = t.says("delete");
        assertTrue(reply.contains("A counsellor is talking with you right now"), reply);
        String path = "/console/api/conversations/" + id(t);
        assertTrue(ana.get(path).body().contains("\"kind\":\"erasure-pending\""));
        assertTrue(store.contact(id(t)).isPresent());
        assertEquals(200, ana.post(path + "/erasure", "{}").statusCode());
        assertTrue(store.contact(id(t)).isEmpty());
        assertTrue(queue.entry(id(t)).isEmpty());
        assertEquals(0, queue.heldBy("ana").size(), "no longer held by anyone");
    }
}
