package org.helpline.gateway.console;

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
import org.helpline.gateway.audit.AuditLog;
import org.helpline.gateway.privacy.Pseudonymiser;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.gateway.support.ConsoleBrowser;
import org.helpline.gateway.support.SignedTexter;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.helpline.gateway.support.TwilioStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A supervisor's reassignment ("push") of a held conversation through the console API and the real queue, the young
 * person's side checked at the Twilio stand-in: it moves to the colleague with the note, the former holder can no
 * longer read or reply to it, the young person is told they are being passed on (nothing when it is not safe to text
 * them), and it is audited; each refusal is in words and moves nothing.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReassignWebhookTest implements TestPropertyProvider {
    static final String TOKEN = TestProperties.TOKEN;
    static final String PUBLIC = TestProperties.PUBLIC;
    static final String PASSED_ON = "You are being passed to another counsellor, who will read everything you have "
            + "written. You don't need to start again.";
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
    AuditLog audit;

    int number;

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.signedTwilio("reassign", twilio, "helpline.queue.jobs.enabled", "false");
    }

    @AfterAll
    void stopStandIn() {
        twilio.close();
    }

    @BeforeEach
    void clean() {
        TestRedis.flush();
        twilio.clear();
        users.create("ana", "ana-password-1", List.of("COUNSELLOR"), List.of("en"), 2);
        users.create("ben", "ben-password-1", List.of("COUNSELLOR"), List.of("en", "es"), 1);
        users.create("cal", "cal-password-1", List.of("COUNSELLOR"), List.of("es"), 2);
        users.create("sue", "sue-password-1", List.of("SUPERVISOR"), List.of("en"), 1);
    }

    private SignedTexter waitingInEnglish() {
        return new SignedTexter(server.getURL().toString(), TOKEN, PUBLIC, String.format("+4477007%05d", ++number))
                .waitingInLine();
    }

    private ConsoleBrowser signIn(String user) {
        return ConsoleBrowser.signIn(server.getURL().toString(), user, user + "-password-1");
    }

    private ConsoleBrowser available(String user) {
        return ConsoleBrowser.available(server.getURL().toString(), user);
    }

    private List<String> toldTo(SignedTexter t) {
        return twilio.created().stream().filter(c -> t.from.equals(c.to())).map(TwilioStandIn.Created::body)
                .toList();
    }

    private String id(SignedTexter t) {
        return pseudonymiser.pseudonym(t.from);
    }

    private static HttpResponse<String> reassign(ConsoleBrowser who, String id, String to, String note) {
        return who.post("/console/api/supervisor/conversations/" + id + "/reassign",
                "{\"to\":\"" + to + "\"" + (note == null ? "" : ",\"note\":\"" + note + "\"") + "}");
    }

    @Test
    void itMovesWithTheNoteTheFormerHolderCanNoLongerReplyAndTheYoungPersonIsTold() {
        SignedTexter t = waitingInEnglish();
        ConsoleBrowser ana = available("ana");
        ConsoleBrowser ben = available("ben");
        ConsoleBrowser sue = signIn("sue");
        assertTrue(ana.post("/console/api/next", "{}").body().contains(id(t)));
        int toldBefore = toldTo(t).size();

        HttpResponse<String> moved = reassign(sue, id(t), "ben", "She is ready to talk about school.");
        assertEquals(200, moved.statusCode(), moved.body());
        assertTrue(moved.body().contains("\"from\":\"ana\""), moved.body());
        assertEquals("ben", queue.entry(id(t)).orElseThrow().counsellor());

        String path = "/console/api/conversations/" + id(t);
        HttpResponse<String> reply = ana.post(path + "/messages", "{\"text\":\"are you still there?\"}");
        assertEquals(403, reply.statusCode(), "the former holder can no longer reply: " + reply.body());
        assertEquals(403, ana.get(path).statusCode(), "nor read it");
        assertFalse(ana.get("/console/api/conversations").body().contains(id(t)), "gone from her list");
        assertFalse(ana.post("/console/api/heartbeat", "{}").body().contains(id(t)), "her lease is gone");

        String view = ben.get(path).body();
        assertTrue(view.contains("She is ready to talk about school.") && view.contains("\"from\":\"sue\""), view);
        assertEquals(200, ben.post(path + "/messages", "{\"text\":\"Hi, I am Ben.\"}").statusCode());
        List<String> told = toldTo(t);
        assertEquals(toldBefore + 2, told.size(), told.toString());
        assertEquals(PASSED_ON, told.get(toldBefore));
        assertTrue(audit.latest(50).stream().anyMatch(e -> e.actor().equals("sue")
                && e.action().equals("reassign:ana->ben")), "audited: " + audit.latest(50));
    }

    @Test
    void eachRefusalIsInWordsAndMovesNothing() {
        SignedTexter held = waitingInEnglish();
        SignedTexter stillWaiting = waitingInEnglish();
        ConsoleBrowser ana = available("ana");
        ConsoleBrowser ben = available("ben");
        available("cal");
        ConsoleBrowser sue = signIn("sue");
        assertTrue(ana.post("/console/api/next", "{}").body().contains(id(held)), "first come, first taken");
        int toldBefore = toldTo(held).size();

        HttpResponse<String> r = reassign(sue, id(stillWaiting), "ben", null);
        assertEquals(409, r.statusCode());
        assertTrue(r.body().contains("waiting, not with a counsellor: assign it instead"), r.body());

        r = reassign(sue, "no-such-conversation", "ben", null);
        assertEquals(404, r.statusCode());
        assertTrue(r.body().contains("There is no conversation"), r.body());

        r = reassign(sue, id(held), "ana", null);
        assertEquals(409, r.statusCode());
        assertTrue(r.body().contains("ana already holds this conversation"), r.body());

        r = reassign(sue, id(held), "cal", null);
        assertEquals(409, r.statusCode());
        assertTrue(r.body().contains("cal does not speak this conversation's language (en)"), r.body());

        r = reassign(sue, id(held), "nobody", null);
        assertEquals(409, r.statusCode());
        assertTrue(r.body().contains("nobody is not available right now"), r.body());

        assertEquals(200, ben.post("/console/api/presence", "{\"presence\":\"away\"}").statusCode());
        r = reassign(sue, id(held), "ben", null);
        assertEquals(409, r.statusCode());
        assertTrue(r.body().contains("ben is not available right now"), r.body());

        assertEquals(200, ben.post("/console/api/presence", "{\"presence\":\"available\"}").statusCode());
        assertTrue(ben.post("/console/api/next", "{}").body().contains(id(stillWaiting)), "ben's one place taken");
        r = reassign(sue, id(held), "ben", null);
        assertEquals(409, r.statusCode());
        assertTrue(r.body().contains("ben already holds 1 of 1 conversations"), r.body());

        r = reassign(sue, id(held), "", null);
        assertEquals(400, r.statusCode());
        assertEquals(403, reassign(ana, id(held), "ben", null).statusCode(), "supervisors only");

        assertEquals("ana", queue.entry(id(held)).orElseThrow().counsellor(), "still ana's");
        assertEquals(toldBefore, toldTo(held).size(), "the young person was told nothing");
        assertEquals(200, ana.post("/console/api/conversations/" + id(held) + "/messages",
                "{\"text\":\"I am still here.\"}").statusCode(), "and ana can still reply");
        assertTrue(audit.latest(100).stream().noneMatch(e -> e.action().startsWith("reassign:")));
    }

    @Test
    void nothingIsSentToAYoungPersonItIsNotSafeToText() {
        SignedTexter t = waitingInEnglish();
        t.says("is it safe for you to text me back? my mum checks my phone");
        ConsoleBrowser ana = available("ana");
        available("ben");
        assertTrue(ana.post("/console/api/next", "{}").body().contains(id(t)));
        int toldBefore = toldTo(t).size();

        assertEquals(200, reassign(signIn("sue"), id(t), "ben", null).statusCode());
        assertEquals(toldBefore, toldTo(t).size(), "nothing unprompted: " + toldTo(t));
        String view = signIn("ben").get("/console/api/conversations/" + id(t)).body();
        assertTrue(view.contains("[NOT SENT: not safe to text back]"), "the transcript says why: " + view);
    }
}
