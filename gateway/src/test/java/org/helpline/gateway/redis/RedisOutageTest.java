package org.helpline.gateway.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.gateway.support.Forms;
import org.helpline.gateway.support.Http;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * Redis restarts mid-traffic (append-only file on): while it is down the webhook answers 503 (Twilio retries) and
 * /health shows the outage; when it is back the gateway reconnects by itself, every escalation acknowledged to a
 * texter is still in the queue, and the retried message is processed once.
 */
class RedisOutageTest {
    private static HttpResponse<String> webhook(EmbeddedServer s, String sid, String from, String body) {
        return Http.post(s.getURL() + "/twilio/messages", "application/x-www-form-urlencoded",
                Http.utf8(Forms.encode(Forms.inbound(sid, from, body))), Map.of());
    }

    @Test
    void acknowledgedEscalationsSurviveARedisRestartAndTheGatewayRecovers() throws Exception {
        Path dir = Files.createTempDirectory("outage-redis");
        int port = EmbeddedRedis.freePort();
        EmbeddedRedis redis = EmbeddedRedis.start(port, dir);
        EmbeddedRedis again = null;
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("micronaut.server.port", -1,
                "redis.url", redis.url(), "helpline.allow-unsigned", true,
                "helpline.privacy.local-key-file", dir.resolve("keys.properties").toString()))) {
            EmbeddedServer server = ctx.getBean(EmbeddedServer.class).start();
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> r = webhook(server, String.format("SM%032d", i), "+44770090400" + i,
                        "can i talk to a counsellor");
                assertEquals(200, r.statusCode());
                assertTrue(r.body().contains("A counsellor will be with you soon"), "acknowledged to the texter");
            }
            redis.close();

            HttpResponse<String> health = Http.get(server.getURL() + "/health");
            assertEquals(503, health.statusCode(), "the outage shows on /health");
            assertTrue(health.body().contains("DOWN"));
            String sid = String.format("SM%032d", 99);
            HttpResponse<String> during = webhook(server, sid, "+447700904099", "can i talk to a counsellor");
            assertEquals(503, during.statusCode(), "a clear 503 so Twilio retries, never a 500");
            assertEquals("5", during.headers().firstValue("Retry-After").orElse(""));

            again = EmbeddedRedis.start(port, dir);       // same data directory: the append-only file
            long deadline = System.currentTimeMillis() + 15_000;
            while (Http.get(server.getURL() + "/health").statusCode() != 200
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            assertEquals(200, Http.get(server.getURL() + "/health").statusCode(), "reconnected by itself");
            JedisPooled check = new JedisPooled(again.url());
            assertEquals(10, check.zcard(LiveQueue.waitingKey()), "every acknowledged escalation is still queued");

            HttpResponse<String> retried = webhook(server, sid, "+447700904099", "can i talk to a counsellor");
            assertEquals(200, retried.statusCode(), "Twilio's retry is processed once Redis is back");
            assertEquals(11, check.zcard(LiveQueue.waitingKey()));
            HttpResponse<String> retriedAgain = webhook(server, sid, "+447700904099", "can i talk to a counsellor");
            assertEquals(retried.body(), retriedAgain.body());
            assertEquals(11, check.zcard(LiveQueue.waitingKey()), "and only once");
            check.close();
        } finally {
            redis.close();
            if (again != null) {
                again.close();
            }
        }
    }
}
