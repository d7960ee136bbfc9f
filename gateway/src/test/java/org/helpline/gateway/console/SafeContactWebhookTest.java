package org.helpline.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Safe-contact mode end to end, checked at the Twilio stand-in (the real SDK's requests): a young person who said it
 * is not safe to text them back receives nothing unprompted across a whole queue wait (position updates, which a
 * control texter does get), a counsellor's replies (held), a transfer and the close (no closing message); the held
 * reply arrives as the answer to their next message.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SafeContactWebhookTest implements TestPropertyProvider {
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
    QueueJobs jobs;

    int number = 0;

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.signedTwilio("safe-contact", twilio);
    }

    @AfterAll
    void stopStandIn() {
        twilio.close();
    }

    @BeforeEach
    void clean() {
        TestRedis.flush();
        twilio.clear();
        users.create("ana", "ana-password-1", List.of("COUNSELLOR"), List.of("en"), 5);
        users.create("ben", "ben-password-1", List.of("COUNSELLOR"), List.of("en"), 5);
        users.create("cal", "cal-password-1", List.of("COUNSELLOR"), List.of("en"), 5);
    }

    private SignedTexter waiting() {
        return new SignedTexter(server.getURL().toString(), TOKEN, PUBLIC, String.format("+4477008%05d", ++number))
                .waitingInLine();
    }

    private String id(SignedTexter t) {
        return pseudonymiser.pseudonym(t.from);
    }

    private ConsoleBrowser available(String user) {
        return ConsoleBrowser.available(server.getURL().toString(), user);
    }

    private long sentTo(SignedTexter t) {
        return twilio.created().stream().filter(c -> t.from.equals(c.to())).count();
    }

    @Test
    void nothingUnpromptedReachesThemAcrossAWholeQueueWaitTransferAndClose() {
        List<SignedTexter> ahead = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ahead.add(waiting());
        }
        SignedTexter safe = waiting();
        String said = safe.says("is it safe for you to text me back? my mum checks my phone");
        assertTrue(said.contains("We won&apos;t message you unless you write to us first")
                || said.contains("We won't message you unless you write to us first"), said);
        SignedTexter control = waiting();

        ConsoleBrowser ben = available("ben");
        for (int i = 0; i < 5; i++) {
            assertEquals(200, ben.post("/console/api/next", "{}").statusCode());
        }
        assertEquals(0, queue.position(id(safe)), "first in line now");
        jobs.positionUpdates();
        assertEquals(1, sentTo(control), "the job ran: the control texter was told their better place");
        assertEquals(0, sentTo(safe), "no position update to a young person it is not safe to text");

        ConsoleBrowser ana = available("ana");
        HttpResponse<String> claimed = ana.post("/console/api/next", "{}");
        assertTrue(claimed.body().contains(id(safe)), claimed.body());
        String path = "/console/api/conversations/" + id(safe);
        String view = ana.get(path).body();
        assertTrue(view.contains("\"kind\":\"not-safe-to-text\""), "the console shows it first");
        HttpResponse<String> reply = ana.post(path + "/messages", "{\"text\":\"I'm here. Write when you can.\"}");
        assertEquals(200, reply.statusCode(), reply.body());
        assertTrue(reply.body().contains("\"status\":\"held\""), reply.body());
        assertEquals(0, sentTo(safe), "the reply is held, not sent");

        assertEquals(200, ana.post(path + "/transfer", "{\"to\":\"queue\"}").statusCode());
        jobs.positionUpdates();
        ConsoleBrowser cal = available("cal");
        String got;
        do {
            got = cal.post("/console/api/next", "{}").body();
        } while (!got.contains(id(safe)));
        assertEquals(0, sentTo(safe), "nothing on the transfer");

        String answer = safe.says("hello?");
        assertTrue(answer.contains("Write when you can."), "the held reply answers their own message: " + answer);

        assertEquals(200, cal.post(path + "/close", "{\"disposition\":\"violence.cyberbullying\"}").statusCode());
        assertEquals(0, sentTo(safe), "no closing message either: nothing ever reached Twilio for them");
        // the first ahead of her was told a counsellor joined (ben took them); the control texter their place
        assertTrue(sentTo(ahead.get(0)) == 1 && sentTo(control) == 1, "the others got what they should");
    }

    @Test
    void theQuietExitGetsNoReplyAndLeavesTheLineWhenLow() {
        SignedTexter t = waiting();
        String answer = t.says("gtg");
        assertTrue(!answer.contains("<Message>"), "no reply at all: " + answer);
        assertEquals(-1, queue.position(id(t)), "a LOW conversation leaves the line");
    }

    @Test
    void theQuietExitOfAnAtRiskConversationKeepsItInLineForACounsellor() {
        SignedTexter t = waiting();
        t.says("i want to die");
        assertTrue(!t.says("gtg delete").contains("<Message>"), "no reply at all");
        assertTrue(queue.position(id(t)) >= 0, "still in line: a person must see it");
        assertTrue(queue.erasureRequested(id(t)), "erasure waits for a person");
    }
}
