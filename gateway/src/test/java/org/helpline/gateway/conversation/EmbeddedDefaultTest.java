package org.helpline.gateway.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.helpline.gateway.redis.EmbeddedRedis;
import org.helpline.gateway.support.Http;
import org.junit.jupiter.api.Test;

/** With no REDIS_URL the service starts a real Redis itself, append-only, in its data directory (the run command). */
class EmbeddedDefaultTest {
    @Test
    void startsItsOwnRedisWithAnAppendOnlyFile() throws Exception {
        Path data = Files.createTempDirectory("embedded-default");
        try (ApplicationContext ctx = ApplicationContext.run(Map.of(
                "micronaut.server.port", -1,
                "micronaut.environments", "dev",
                "redis.embedded-port", EmbeddedRedis.freePort(),
                "redis.embedded-dir", data.resolve("redis").toString(),
                "helpline.privacy.local-key-file", data.resolve("keys.properties").toString()), "dev")) {
            EmbeddedServer server = ctx.getBean(EmbeddedServer.class).start();
            var health = Http.get(server.getURL() + "/health");
            assertEquals(200, health.statusCode());
            assertTrue(health.body().contains("PONG"));
            var r = Http.post(server.getURL() + "/simulator/api/messages", "application/json",
                    Http.utf8("{\"from\":\"+447700900555\",\"text\":\"hello\"}"), Map.of());
            assertEquals(200, r.statusCode());
            assertTrue(Files.exists(data.resolve("keys.properties")), "development keys generated on first start");
            try (var files = Files.walk(data.resolve("redis"))) {
                assertTrue(files.anyMatch(p -> p.getFileName().toString().contains(".aof")), "append-only file on");
            }
        }
    }
}
