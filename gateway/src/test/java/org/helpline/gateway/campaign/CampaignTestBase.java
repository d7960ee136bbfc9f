package org.helpline.gateway.campaign;

import static org.junit.jupiter.api.Assertions.fail;

import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.helpline.gateway.channel.Address;
import org.helpline.gateway.support.ShiftedClock;
import org.helpline.gateway.support.TestRedis;
import org.helpline.gateway.support.TwilioStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Gateway instances (application contexts) on the tests' real Redis, sending through the real Twilio SDK to a local
 * stand-in for api.twilio.com, with a clock the test can move.
 */
abstract class CampaignTestBase {
    static final String SID = "AC00000000000000000000000000000000";
    static final String TOKEN = "test-auth-token-0123456789";
    static final String PUBLIC = "https://helpline.example.org";

    TwilioStandIn twilio;
    ShiftedClock clock = new ShiftedClock(Instant.parse("2026-06-01T12:00:00Z"));
    String keyFile;
    final List<ApplicationContext> contexts = new ArrayList<>();

    @BeforeEach
    void startStandIn() {
        TestRedis.flush();
        twilio = new TwilioStandIn();
        try {
            keyFile = Files.createTempDirectory("campaign-keys").resolve("keys.properties").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void stopAll() {
        for (ApplicationContext c : contexts) {
            if (c.isRunning()) {
                c.close();
            }
        }
        twilio.close();
    }

    /** One gateway instance; every instance shares the key file, so they agree on pseudonyms and encryption. */
    ApplicationContext instance(Map<String, Object> extra) {
        Map<String, Object> p = new HashMap<>();
        p.put("redis.url", TestRedis.url());
        p.put("helpline.privacy.local-key-file", keyFile);
        p.put("micronaut.server.port", -1);
        p.put("twilio.account-sid", SID);
        p.put("twilio.auth-token", TOKEN);
        p.put("twilio.from", "+447700900999");
        p.put("twilio.api-base-url", twilio.baseUrl());
        p.put("helpline.public-url", PUBLIC);
        p.put("helpline.campaigns.lease", "2s");
        p.put("twilio.timeout", "1s");                  // the lease must be at least twice the REST timeout
        p.put("helpline.campaigns.retry-backoff", "100ms");
        p.put("helpline.campaigns.workers", 3);
        p.putAll(extra);
        ApplicationContext ctx = ApplicationContext.builder().properties(p).singletons(clock).build();
        try {
            ctx.start();
        } catch (RuntimeException e) {
            // a start refused half-way may have started beans: stop what it started, so nothing of it stays on the
            // shared test Redis for the test classes that follow in this JVM
            try {
                ctx.stop();
            } catch (RuntimeException ignored) {
                // the refusal is what the test looks at
            }
            throw e;
        }
        contexts.add(ctx);
        return ctx;
    }

    ApplicationContext instance() {
        return instance(Map.of());
    }

    static Subscribers.Join join(String address, String language, List<String> tags, String zone) {
        return new Subscribers.Join(Address.parse(address), language, tags, zone, "import:test", "2026-05-01T00:00:00Z",
                "form " + address.hashCode());
    }

    static CampaignService.Request request(String name, Map<String, String> messages, Campaign.Audience audience,
                                           double rate, String template) {
        return new CampaignService.Request(name, messages, null, audience, null, null, null, rate, template, null);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
        fail("timed out after " + timeout + " waiting for " + what);
    }

    static String state(CampaignService service, String id) {
        return service.status(id).orElseThrow().state();
    }

    static long count(CampaignService service, String id, String field) {
        return service.status(id).orElseThrow().counts().getOrDefault(field, 0L);
    }
}
