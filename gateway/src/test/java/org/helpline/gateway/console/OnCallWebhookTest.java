package org.helpline.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.json.JsonMapper;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.helpline.gateway.queue.LivenessConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The on-call webhook against a local HTTP server that never answers: the call returns at once (the liveness job is
 * never held up) and gives up after the timeout; a refusal and no URL are outcomes of their own.
 */
class OnCallWebhookTest {
    private static LivenessConfiguration config(String url) {
        Duration d = Duration.ofMinutes(1);
        return new LivenessConfiguration(d, d, d, d, d, d, d, url, Duration.ofMillis(300));
    }

    private static final LivenessAlert ALERT = new LivenessAlert(LivenessAlert.Kind.WAIT_OVER_TARGET, "c0ffee",
            "IMMINENT", null, 130, 120);

    @Test
    void aSilentEndpointNeverBlocksAndIsGivenUpAfterTheTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/slow", x -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.close();
        });
        server.createContext("/refuse", x -> {
            x.sendResponseHeaders(500, -1);
            x.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        try {
            OnCallWebhook refused = new OnCallWebhook(config(base + "/refuse"), JsonMapper.createDefault(),
                    Clock.systemUTC());
            assertEquals(OnCallWebhook.Delivery.REFUSED, refused.send(ALERT).get(5, TimeUnit.SECONDS));
            assertEquals(OnCallWebhook.Delivery.NOT_CONFIGURED, new OnCallWebhook(config(null),
                    JsonMapper.createDefault(), Clock.systemUTC()).send(ALERT).get(1, TimeUnit.SECONDS));

            OnCallWebhook slow = new OnCallWebhook(config(base + "/slow"), JsonMapper.createDefault(),
                    Clock.systemUTC());
            CompletableFuture<OnCallWebhook.Delivery> f = slow.send(ALERT);
            // had send waited for the answer, the 300 ms timeout would have ended the call before it returned
            assertFalse(f.isDone(), "send waited for the answer");
            assertEquals(OnCallWebhook.Delivery.FAILED, f.get(5, TimeUnit.SECONDS));
        } finally {
            release.countDown();
            server.stop(0);
        }
    }
}
