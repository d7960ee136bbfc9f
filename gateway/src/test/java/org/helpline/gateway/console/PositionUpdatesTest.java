package org.helpline.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.helpline.gateway.jobs.ClusterJobs;
import org.helpline.gateway.jobs.Job;
import org.helpline.gateway.privacy.Pseudonymiser;
import org.helpline.gateway.queue.Counsellors;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.gateway.support.ShiftedClock;
import org.helpline.gateway.support.SignedTexter;
import org.helpline.gateway.support.TestRedis;
import org.helpline.gateway.support.TwilioStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The position-update job on its own, through signed webhooks and the Twilio stand-in (the real SDK's requests): a
 * waiting young person whose place improves is told once per interval, never twice, however often the job runs;
 * one who said it is not safe to text them is never told; the job runs through its cluster lease.
 */
class PositionUpdatesTest {
    static final String TOKEN = "test-auth-token-0123456789";
    static final String PUBLIC = "https://helpline.example.org";

    final ShiftedClock clock = new ShiftedClock(Instant.parse("2026-06-01T12:00:00Z"));
    TwilioStandIn twilio;
    ApplicationContext context;
    EmbeddedServer server;
    LiveQueue queue;
    int number;

    @BeforeEach
    void start() throws IOException {
        TestRedis.flush();
        twilio = new TwilioStandIn();
        Map<String, Object> p = new HashMap<>();
        p.put("redis.url", TestRedis.url());
        p.put("helpline.privacy.local-key-file",
                Files.createTempDirectory("positions").resolve("keys.properties").toString());
        p.put("micronaut.server.port", -1);
        p.put("twilio.account-sid", "AC00000000000000000000000000000000");
        p.put("twilio.auth-token", TOKEN);
        p.put("twilio.from", "+447700900999");
        p.put("twilio.api-base-url", twilio.baseUrl());
        p.put("helpline.public-url", PUBLIC);
        p.put("helpline.campaigns.enabled", "false");
        p.put("helpline.queue.jobs.enabled", "false");     // the test runs the job itself
        p.put("helpline.jobs.position-updates", "30s");
        context = ApplicationContext.builder().properties(p).singletons(clock).start();
        server = context.getBean(EmbeddedServer.class).start();
        queue = context.getBean(LiveQueue.class);
        Counsellors counsellors = context.getBean(Counsellors.class);
        counsellors.register("ana", 50, List.of("en"));
        counsellors.presence("ana", "available");
    }

    @AfterEach
    void stop() {
        context.close();
        twilio.close();
    }

    private SignedTexter waiting() {
        SignedTexter t = new SignedTexter(server.getURL().toString(), TOKEN, PUBLIC,
                String.format("+4477009%05d", ++number));
        t.says("hi");
        t.says("yes");
        assertTrue(t.says("can i talk to a counsellor").contains("in line"));
        return t;
    }

    private List<String> toldTo(SignedTexter t) {
        return twilio.created().stream().filter(c -> t.from.equals(c.to())).map(TwilioStandIn.Created::body)
                .toList();
    }

    private PositionUpdates.Run runJob() {
        AtomicReference<PositionUpdates.Run> run = new AtomicReference<>();
        PositionUpdates updates = context.getBean(PositionUpdates.class);
        assertTrue(context.getBean(ClusterJobs.class).run(Job.POSITION_UPDATES, l -> run.set(updates.run(l))),
                "the only instance holds the job's lease");
        return run.get();
    }

    private void claim(int n) {
        for (int i = 0; i < n; i++) {
            assertTrue(queue.claim("ana").isPresent());
        }
    }

    @Test
    void aWaitingYoungPersonIsToldOncePerIntervalNeverTwice() {
        List<SignedTexter> line = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            line.add(waiting());
        }
        SignedTexter last = line.get(5);               // told "You are number 6 in line" on arriving
        assertEquals(List.of(), toldTo(last));
        assertEquals(0, runJob().told(), "nobody's place has changed");

        claim(3);
        runJob();
        assertEquals(List.of("You are now number 3 in line. Thank you for waiting; a counsellor will be with you soon."),
                toldTo(last));

        claim(2);                                       // next in line now, a moment later
        runJob();
        runJob();
        assertEquals(1, toldTo(last).size(), "not twice within the interval, however often the job runs");

        clock.advance(Duration.ofSeconds(30));
        runJob();
        assertEquals(2, toldTo(last).size());
        assertTrue(toldTo(last).get(1).startsWith("You are now number 1 in line"), toldTo(last).get(1));
        clock.advance(Duration.ofSeconds(30));
        assertEquals(0, runJob().told(), "told they are next once; nothing changed since");
        assertEquals(2, toldTo(last).size());
    }

    @Test
    void aYoungPersonItIsNotSafeToTextIsNeverTold() {
        List<SignedTexter> ahead = List.of(waiting(), waiting(), waiting());
        SignedTexter safe = waiting();
        safe.says("is it safe for you to text me back? my mum checks my phone");
        SignedTexter control = waiting();

        claim(3);
        PositionUpdates.Run run = runJob();
        assertEquals(List.of(), toldTo(safe), "nothing unprompted to a young person it is not safe to text");
        assertEquals(1, toldTo(control).size(), "the job ran: the texter behind was told their place");
        assertEquals(1, run.told());
        assertEquals(1, run.refused(), "refused at the send point");
        assertEquals(0, queue.position(context.getBean(Pseudonymiser.class).pseudonym(safe.from)), "first in line, and still not told");
        assertTrue(ahead.stream().allMatch(t -> toldTo(t).isEmpty()));
    }
}
