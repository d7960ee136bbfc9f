package org.helpline.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.helpline.gateway.queue.LivenessConfiguration;
import org.helpline.gateway.support.CapturedLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The on-call webhook against a local HTTP server: the call returns at once (the liveness job is never held up); each
 * attempt is signed over its timestamp and the exact body, and carries the alert's id; a 5xx, a timeout or a dead
 * port is tried again with the configured backoff up to the configured attempts, a 4xx never; no URL, no call; the
 * failures are logged without the payload; an unsigned webhook is warned of outside development.
 */
class OnCallWebhookTest {
    private static final String SECRET = "on-call-test-secret-0123456789abcdef";
    private static final LivenessAlert ALERT = new LivenessAlert(LivenessAlert.Kind.WAIT_OVER_TARGET, "c0ffee",
            "IMMINENT", "ana", 130, 120);

    /** What the local server received. */
    record Received(Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private HttpServer server;
    private String base;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger calls = new AtomicInteger();
    private CapturedLog log;

    private static LivenessConfiguration config(String url, String secret, int attempts, Duration timeout,
                                                Duration backoff) {
        Duration d = Duration.ofMinutes(1);
        return new LivenessConfiguration(d, d, d, d, d, d, d, url, timeout, secret, attempts, backoff);
    }

    private static OnCallWebhook webhook(LivenessConfiguration config) {
        return new OnCallWebhook(config, JsonMapper.createDefault(), Clock.systemUTC());
    }

    private OnCallWebhook webhook(String path, String secret, int attempts) {
        return webhook(config(base + path, secret, attempts, Duration.ofSeconds(5), Duration.ofMillis(50)));
    }

    private void answer(HttpExchange x, int status) throws IOException {
        received.add(new Received(Map.copyOf(x.getRequestHeaders()),
                new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        x.sendResponseHeaders(status, -1);
        x.close();
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", x -> answer(x, 204));
        server.createContext("/unavailable-once", x -> answer(x, calls.getAndIncrement() == 0 ? 503 : 200));
        server.createContext("/bad-request", x -> answer(x, 400));
        server.createContext("/slow", x -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        log = CapturedLog.of(OnCallWebhook.class);
    }

    @AfterEach
    void stop() {
        log.close();
        release.countDown();
        server.stop(0);
    }

    private static OnCallWebhook.Result done(CompletableFuture<OnCallWebhook.Result> f) throws Exception {
        return f.get(30, TimeUnit.SECONDS);              // a generous deadline: the machine may be loaded
    }

    private List<String> logLines() {
        return log.messages();
    }

    @Test
    void eachCallIsSignedOverItsTimestampAndTheExactBodyAndCarriesNoPersonalData() throws Exception {
        long before = Instant.now().getEpochSecond();
        OnCallWebhook.Result r = done(webhook("/ok", SECRET, 3).send(ALERT));
        assertEquals(OnCallWebhook.Delivery.DELIVERED, r.delivery());
        assertEquals(1, received.size());
        Received call = received.get(0);

        String timestamp = call.header(OnCallWebhook.TIMESTAMP);
        long ts = Long.parseLong(timestamp);
        assertTrue(ts >= before && ts <= Instant.now().getEpochSecond(), "Unix seconds of the attempt: " + ts);
        // what a receiver does: HMAC-SHA256 of timestamp "." raw body with the shared secret
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + java.util.HexFormat.of().formatHex(
                mac.doFinal((timestamp + "." + call.body()).getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, call.header(OnCallWebhook.SIGNATURE));
        assertFalse(("sha256=" + OnCallWebhook.signature("another-secret", timestamp,
                call.body().getBytes(StandardCharsets.UTF_8))).equals(call.header(OnCallWebhook.SIGNATURE)));

        assertEquals(r.alertId(), call.header(OnCallWebhook.ALERT_ID));
        assertTrue(call.body().contains("\"id\":\"" + r.alertId() + "\""), "the id is signed too: " + call.body());
        assertTrue(call.body().contains("\"kind\":\"WAIT_OVER_TARGET\"") && call.body().contains("\"c0ffee\""),
                call.body());
        assertFalse(call.body().contains("ana"), "no counsellor's name: " + call.body());
        assertEquals("application/json", call.header("Content-Type"));

        // another alert, another id
        assertFalse(r.alertId().equals(done(webhook("/ok", SECRET, 3).send(ALERT)).alertId()));
    }

    @Test
    void withoutASecretThereIsNoSignatureHeaderAndOutsideDevelopmentAWarning() throws Exception {
        assertEquals(OnCallWebhook.Delivery.DELIVERED, done(webhook("/ok", null, 3).send(ALERT)).delivery());
        assertNull(received.get(0).header(OnCallWebhook.SIGNATURE));
        assertNotNull(received.get(0).header(OnCallWebhook.ALERT_ID));
        assertNotNull(received.get(0).header(OnCallWebhook.TIMESTAMP));

        LivenessConfiguration unsigned = config(base + "/ok", null, 3, Duration.ofSeconds(5), Duration.ofSeconds(2));
        assertTrue(OnCallWebhookCheck.warning(unsigned, Set.of()).orElseThrow().contains("unsigned"));
        assertTrue(OnCallWebhookCheck.warning(unsigned, Set.of("dev")).isEmpty(), "not in the development run");
        assertTrue(OnCallWebhookCheck.warning(config(base + "/ok", SECRET, 3, Duration.ofSeconds(5),
                Duration.ofSeconds(2)), Set.of()).isEmpty());
        assertTrue(OnCallWebhookCheck.warning(config(null, null, 3, Duration.ofSeconds(5), Duration.ofSeconds(2)),
                Set.of()).isEmpty(), "no webhook, nothing to warn of");
        assertFalse(unsigned.toString().contains("/ok") || config(base, SECRET, 3, Duration.ofSeconds(5),
                Duration.ofSeconds(2)).toString().contains(SECRET), "neither URL nor secret in the record's text");
    }

    @Test
    void aServiceUnavailableIsTriedAgainAndDeliveredOnceWithTheSameAlertId() throws Exception {
        OnCallWebhook.Result r = done(webhook("/unavailable-once", SECRET, 3).send(ALERT));
        assertEquals(OnCallWebhook.Delivery.DELIVERED, r.delivery());
        assertEquals(2, r.attempts());
        assertEquals(2, received.size(), "the 503, then the one that was delivered, and no more");
        assertEquals(r.alertId(), received.get(0).header(OnCallWebhook.ALERT_ID));
        assertEquals(r.alertId(), received.get(1).header(OnCallWebhook.ALERT_ID));
        assertEquals(received.get(0).body(), received.get(1).body(), "the same alert");
        Received second = received.get(1);
        assertEquals("sha256=" + OnCallWebhook.signature(SECRET, second.header(OnCallWebhook.TIMESTAMP),
                second.body().getBytes(StandardCharsets.UTF_8)), second.header(OnCallWebhook.SIGNATURE),
                "the retry is signed over its own timestamp");
        assertTrue(logLines().stream().anyMatch(l -> l.contains("attempt 1 of 3 failed (HTTP 503)")),
                logLines().toString());
    }

    @Test
    void aBadRequestIsNeverTriedAgain() throws Exception {
        OnCallWebhook.Result r = done(webhook("/bad-request", SECRET, 3).send(ALERT));
        assertEquals(OnCallWebhook.Delivery.REFUSED, r.delivery());
        assertEquals(1, r.attempts());
        assertEquals(1, received.size());
    }

    @Test
    void aDeadPortIsTriedTheConfiguredNumberOfTimesThenGivenUpAndLoggedWithoutThePayload() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort();
        }
        OnCallWebhook w = webhook(config("http://127.0.0.1:" + dead + "/oncall", SECRET, 4, Duration.ofSeconds(5),
                Duration.ofMillis(20)));
        assertEquals(Duration.ofMillis(20), w.backoff(1));
        assertEquals(Duration.ofMillis(80), w.backoff(2));
        assertEquals(Duration.ofMillis(320), w.backoff(3));
        OnCallWebhook.Result r = done(w.send(ALERT));
        assertEquals(OnCallWebhook.Delivery.FAILED, r.delivery());
        assertEquals(4, r.attempts());
        List<String> lines = logLines();
        for (int n = 1; n <= 3; n++) {
            int attempt = n;
            assertTrue(lines.stream().anyMatch(l -> l.contains("attempt " + attempt + " of 4 failed (ConnectException)")),
                    lines.toString());
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("gave up after 4 attempt(s)")
                && l.contains(r.alertId())), lines.toString());
        assertFalse(lines.stream().anyMatch(l -> l.contains("c0ffee") || l.contains("IMMINENT") || l.contains("ana")),
                "no payload in the log: " + lines);
    }

    @Test
    void aSilentEndpointNeverBlocksAndIsGivenUpAfterTheTimeout() throws Exception {
        assertEquals(OnCallWebhook.Delivery.NOT_CONFIGURED,
                done(webhook(config(null, SECRET, 3, Duration.ofSeconds(5), Duration.ofMillis(10))).send(ALERT))
                        .delivery());

        OnCallWebhook slow = webhook(config(base + "/slow", SECRET, 2, Duration.ofMillis(300),
                Duration.ofMillis(10)));
        CompletableFuture<OnCallWebhook.Result> f = slow.send(ALERT);
        // had send waited for the answer, the 300 ms timeout would have ended the call before it returned
        assertFalse(f.isDone(), "send waited for the answer");
        OnCallWebhook.Result r = done(f);
        assertEquals(OnCallWebhook.Delivery.FAILED, r.delivery());
        assertEquals(2, r.attempts(), "a timeout is tried again");
        assertTrue(logLines().stream().anyMatch(l -> l.contains("HttpTimeoutException")), logLines().toString());
    }
}
