package org.helpline.gateway.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.console.Users;
import org.helpline.gateway.privacy.Pseudonymiser;
import org.helpline.gateway.redis.EmbeddedRedis;
import org.helpline.gateway.redis.RedisUnavailableHandler;
import org.helpline.gateway.support.CapturedLog;
import org.helpline.gateway.support.ConsoleBrowser;
import org.junit.jupiter.api.Test;

/**
 * Redis stops under a signed-in supervisor who opens a conversation: the answer is a 503, the log line names the
 * route's template and never the conversation id in the path (it used to log the path), the failure is counted,
 * the sampler reports Redis down, and when Redis is back the next sample counts one reconnect.
 */
class RedisOutageMetricsTest {

    @Test
    void anOutageIsCountedLoggedWithoutTheConversationIdAndTheReconnectIsCounted() throws Exception {
        Path dir = Files.createTempDirectory("metrics-outage-redis");
        int port = EmbeddedRedis.freePort();
        EmbeddedRedis redis = EmbeddedRedis.start(port, dir);
        EmbeddedRedis again = null;
        CapturedLog captured = CapturedLog.of(RedisUnavailableHandler.class);
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("micronaut.server.port", -1,
                "redis.url", redis.url(), "helpline.allow-unsigned", true,
                "helpline.metrics.sample-interval", "1h", "helpline.queue.jobs.enabled", false,
                "helpline.campaigns.enabled", false,
                "helpline.privacy.local-key-file", dir.resolve("keys.properties").toString()))) {
            EmbeddedServer server = ctx.getBean(EmbeddedServer.class).start();
            ctx.getBean(Users.class).create("sam", "sam-password-1", List.of("SUPERVISOR"), List.of("en"), 1);
            ConsoleBrowser sam = ConsoleBrowser.signIn(server.getURL().toString(), "sam", "sam-password-1");
            String id = ctx.getBean(Pseudonymiser.class).pseudonym("+447700900321");
            MetricsSampler sampler = ctx.getBean(MetricsSampler.class);
            PrometheusMeterRegistry prometheus = ctx.getBean(PrometheusMeterRegistry.class);
            sampler.sample();
            assertEquals(1, MetricsScrapeTest.value(prometheus.scrape(), "helpline_redis_up"));

            redis.close();
            HttpResponse<String> during = sam.get("/console/api/supervisor/conversations/" + id);
            assertEquals(503, during.statusCode(), during.body());
            List<String> lines = captured.messages();
            assertFalse(lines.isEmpty(), "the outage is logged");
            for (String line : lines) {
                assertFalse(line.contains(id) || line.contains(id.substring(0, 8)), "a conversation id: " + line);
            }
            assertTrue(lines.stream().anyMatch(l -> l.contains("/console/api/supervisor/conversations/{id}")),
                    "the route's template instead: " + lines);
            sampler.sample();
            String down = prometheus.scrape();
            assertEquals(0, MetricsScrapeTest.value(down, "helpline_redis_up"));
            assertTrue(MetricsScrapeTest.value(down, "helpline_redis_errors_total", "kind=\"connection\"") >= 2,
                    "the request's failure and the sample's");
            assertEquals(0, MetricsScrapeTest.value(down, "helpline_redis_reconnects_total"));

            again = EmbeddedRedis.start(port, dir);
            long deadline = System.currentTimeMillis() + 15_000;
            String up = prometheus.scrape();
            while (MetricsScrapeTest.value(up, "helpline_redis_up") != 1 && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
                sampler.sample();
                up = prometheus.scrape();
            }
            assertEquals(1, MetricsScrapeTest.value(up, "helpline_redis_up"), "the sampler reads Redis again");
            assertEquals(1, MetricsScrapeTest.value(up, "helpline_redis_reconnects_total"), "one recovery");
        } finally {
            captured.close();
            redis.close();
            if (again != null) {
                again.close();
            }
        }
    }
}
