package org.helpline.gateway.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.helpline.gateway.console.Users;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.gateway.support.Forms;
import org.helpline.gateway.support.Http;
import org.helpline.gateway.support.TestRedis;
import org.helpline.gateway.support.TwilioSigner;
import org.helpline.gateway.support.TwilioStandIn;
import org.junit.jupiter.api.Test;

/**
 * Two gateway instances behind "one address" (the test alternates between them), sharing one Redis: a texter's
 * signed webhooks hop between instances message by message and the conversation goes on as one; Twilio's retry of a
 * message reaching the other instance is answered from the cache; the escalation reaches a counsellor whose console
 * is connected to the other instance, live; the counsellor's reply goes out through Twilio's REST API; the texter's
 * next message reaches the counsellor live across instances.
 */
class TwoInstancesTest {
    static final String TOKEN = "test-auth-token-0123456789";
    static final String PUBLIC = "https://helpline.example.org";

    @Test
    void aConversationHopsBetweenInstancesAndTheConsoleFollowsIt() throws Exception {
        TestRedis.flush();
        String keys = Files.createTempDirectory("two-keys").resolve("k.properties").toString();
        try (TwilioStandIn twilio = new TwilioStandIn()) {
            Map<String, Object> p = Map.of("redis.url", TestRedis.url(), "helpline.privacy.local-key-file", keys,
                    "micronaut.server.port", -1, "twilio.account-sid", "AC00000000000000000000000000000000",
                    "twilio.auth-token", TOKEN, "twilio.from", "+447700900999", "twilio.api-base-url",
                    twilio.baseUrl(), "helpline.public-url", PUBLIC);
            try (ApplicationContext a = ApplicationContext.run(p); ApplicationContext b = ApplicationContext.run(p)) {
                EmbeddedServer sa = a.getBean(EmbeddedServer.class).start();
                EmbeddedServer sb = b.getBean(EmbeddedServer.class).start();
                List<EmbeddedServer> instances = List.of(sa, sb);
                a.getBean(Users.class).create("ana", "ana-password-1", List.of("COUNSELLOR"), List.of("en"), 2);

                // the counsellor's console is connected to instance B
                HttpClient console = HttpClient.newBuilder().cookieHandler(new CookieManager())
                        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
                HttpResponse<String> login = console.send(HttpRequest.newBuilder(URI.create(sb.getURL() + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("username=ana&password=ana-password-1")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(303, login.statusCode());
                assertEquals(200, post(console, sb, "/console/api/presence", "{\"presence\":\"available\"}")
                        .statusCode());
                BlockingQueue<String> events = new LinkedBlockingQueue<>();
                console.sendAsync(HttpRequest.newBuilder(URI.create(sb.getURL() + "/console/api/events")).GET()
                        .build(), HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> r.body().forEach(events::add));
                Thread.sleep(300);

                // the texter's messages alternate between A and B
                String from = "+447911123456";
                String[] script = {"hi", "yes", "1", "my stepdad hits me every night", "counsellor please"};
                String last = null;
                for (int i = 0; i < script.length; i++) {
                    String sid = String.format("SM%032d", 100 + i);
                    last = webhook(instances.get(i % 2), sid, from, script[i]).body();
                    if (i == 3) {
                        // Twilio retries this message; the retry lands on the other instance: same answer, no step
                        String retry = webhook(instances.get((i + 1) % 2), sid, from, script[i]).body();
                        assertEquals(webhook(instances.get(i % 2), sid, from, script[i]).body(), retry);
                    }
                }
                assertTrue(last.contains("A counsellor will be with you soon") || last.contains("number 1 in line"),
                        last);
                LiveQueue queue = b.getBean(LiveQueue.class);
                assertEquals(1, queue.depth(), "one entry, whichever instance took each message");
                assertNotNull(waitFor(events, "event: queue"), "the escalation on A reached the console on B live");

                // the counsellor (on B) takes it, replies; the texter (on A) writes back; the console sees it live
                HttpResponse<String> next = post(console, sb, "/console/api/next", "{}");
                assertEquals(200, next.statusCode(), next.body());
                String id = next.body().replaceAll(".*\"conversation\":\"([0-9a-f]+)\".*", "$1");
                HttpResponse<String> reply = post(console, sb, "/console/api/conversations/" + id + "/messages",
                        "{\"text\":\"Hi, I'm Ana. You did the right thing telling us.\"}");
                assertEquals(200, reply.statusCode(), reply.body());
                assertEquals("Hi, I'm Ana. You did the right thing telling us.",
                        twilio.received().get(twilio.received().size() - 1).form().get("Body"));
                events.clear();
                String silent = webhook(sa, String.format("SM%032d", 200), from, "thank you, he is shouting again")
                        .body();
                assertTrue(!silent.contains("<Message>"), "the bot stays silent while a counsellor holds it: " + silent);
                assertNotNull(waitFor(events, "he is shouting again"),
                        "the texter's message on A reached the counsellor's console on B live");
            }
        }
    }

    private static String waitFor(BlockingQueue<String> events, String needle) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < end) {
            String line = events.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.contains(needle)) {
                return line;
            }
        }
        return null;
    }

    private static HttpResponse<String> webhook(EmbeddedServer server, String sid, String from, String body) {
        Map<String, String> f = Forms.inbound(sid, from, body);
        HttpResponse<String> r = Http.post(server.getURL() + "/twilio/messages", "application/x-www-form-urlencoded",
                Http.utf8(Http.form(f)), Map.of("X-Twilio-Signature",
                        TwilioSigner.sign(TOKEN, PUBLIC + "/twilio/messages", f)));
        assertEquals(200, r.statusCode(), r.body());
        return r;
    }

    private static HttpResponse<String> post(HttpClient c, EmbeddedServer s, String path, String json)
            throws Exception {
        return c.send(HttpRequest.newBuilder(URI.create(s.getURL() + path)).header("Content-Type",
                "application/json").header("X-Helpline-Console", "1")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
