package org.helpline.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.privacy.Pseudonymiser;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.gateway.support.ConsoleBrowser;
import org.helpline.gateway.support.ShiftedClock;
import org.helpline.gateway.support.SignedTexter;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.helpline.gateway.support.TwilioStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Help while in line, through signed webhooks and the real SDK at the Twilio stand-in: "how long" is answered with
 * the place in line only until counsellors have claimed conversations, then with the median of those real claims'
 * waits (the clock moved 12 minutes between enqueue and claim); a young person who said it is not safe to text them
 * still gets that direct answer, but no unprompted position update (which a control texter does get).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelpWhileWaitingWebhookTest {
    static final String TOKEN = "test-auth-token-0123456789";
    static final String PUBLIC = "https://helpline.example.org";
    final TwilioStandIn twilio = new TwilioStandIn();
    final ShiftedClock clock = new ShiftedClock(Instant.parse("2026-06-01T12:00:00Z"));
    ApplicationContext gateway;
    String url;
    int number;

    @BeforeAll
    void start() {
        TestRedis.flush();
        Map<String, Object> p = new HashMap<>(TestProperties.of("help-in-line", "twilio.auth-token", TOKEN,
                "helpline.public-url", PUBLIC, "twilio.account-sid", "AC00000000000000000000000000000000",
                "twilio.from", "+447700900999", "twilio.api-base-url", twilio.baseUrl(),
                "helpline.campaigns.enabled", "false", "micronaut.server.port", "-1",
                // the clock jumps 12 minutes: no lease may run out meanwhile
                "helpline.queue.lease", "2h"));
        gateway = ApplicationContext.builder().environments("test").properties(p).singletons(clock).start();
        url = gateway.getBean(EmbeddedServer.class).start().getURL().toString();
        gateway.getBean(Users.class).create("ana", "ana-password-1", List.of("COUNSELLOR"), List.of("en"), 10);
    }

    @AfterAll
    void stop() {
        gateway.close();
        twilio.close();
    }

    private SignedTexter waiting() {
        SignedTexter t = new SignedTexter(url, TOKEN, PUBLIC, String.format("+4474009%05d", ++number));
        t.says("hi");
        String next = t.says("yes");
        if (next.contains("How old are you?")) {
            next = t.says("15"); // under the training minimum age: no training question
        }
        if (next.contains("Which language")) {
            t.says("1"); // (a UK number settles English: the menu comes without the question)
        }
        assertTrue(t.says("can i talk to a counsellor").contains("in line"));
        return t;
    }

    private long sentTo(SignedTexter t) {
        return twilio.created().stream().filter(c -> t.from.equals(c.to())).count();
    }

    @Test
    void howLongIsTheRecentWaitOfRealClaimsAndASafeContactTexterGetsTheAnswerButNoUpdate() {
        SignedTexter first = waiting();
        SignedTexter second = waiting();
        SignedTexter third = waiting();
        String noData = first.says("how long will it take?");
        assertTrue(noData.contains("You are number 1 in line. A counsellor will be with you"), noData);
        assertFalse(noData.contains("min."), "no claim yet: no estimate, only the place in line: " + noData);

        SignedTexter safe = waiting();
        assertTrue(safe.says("NOT SAFE").contains("unless you write to us first"));
        SignedTexter control = waiting();

        clock.advance(Duration.ofMinutes(12));
        ConsoleBrowser ana = ConsoleBrowser.signIn(url, "ana", "ana-password-1");
        assertEquals(200, ana.post("/console/api/presence", "{\"presence\":\"available\"}").statusCode());
        for (SignedTexter claimed : List.of(first, second, third)) {
            String body = ana.post("/console/api/next", "{}").body();
            assertTrue(body.contains(gateway.getBean(Pseudonymiser.class).pseudonym(claimed.from)), body);
        }
        assertEquals(3, TestRedis.client().llen(LiveQueue.waitsKey()), "one wait per first claim");

        String answer = safe.says("how long");
        assertTrue(answer.contains("You are number 1 in line. Lately a counsellor has answered in about 12 min."),
                "a direct answer, with the estimate from the three real claims: " + answer);
        String controlAnswer = control.says("how much longer");
        assertTrue(controlAnswer.contains("number 2 in line") && controlAnswer.contains("about 12 min"),
                controlAnswer);
        assertTrue(safe.says("how long").contains("waits lately are about 12 min"), "never the same twice in a row");

        long before = sentTo(safe);
        gateway.getBean(QueueJobs.class).positionUpdates();
        assertTrue(sentTo(control) >= 1, "the job ran: the control texter was told their better place");
        assertEquals(0, before + sentTo(safe), "nothing unprompted to the young person it is not safe to text");

        // crisis words while waiting still raise the tier and re-sort the line: last in, first served
        SignedTexter late = waiting();
        LiveQueue queue = gateway.getBean(LiveQueue.class);
        String lateId = gateway.getBean(Pseudonymiser.class).pseudonym(late.from);
        assertEquals(2, queue.position(lateId), "behind the two still waiting");
        String crisis = late.says("i have the pills here and i am going to take them tonight");
        assertTrue(crisis.contains("If you are in danger right now, call 999"), "their own country's number: " + crisis);
        assertEquals(0, queue.position(lateId), "IMMINENT goes to the front");
        assertEquals("IMMINENT", TestRedis.client().hget(LiveQueue.entryKey(lateId), "tierName"));
        assertTrue(late.says("how long").contains("You are number 1 in line"), "and is told so when they ask");
    }
}
