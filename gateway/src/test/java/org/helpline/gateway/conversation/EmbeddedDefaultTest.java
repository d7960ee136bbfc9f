package org.helpline.gateway.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.netty.channel.EventLoopGroupRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.netty.channel.IoEventLoop;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.helpline.gateway.redis.EmbeddedRedis;
import org.helpline.gateway.support.Http;
import org.junit.jupiter.api.Test;

/**
 * With no REDIS_URL the service starts a real Redis itself, append-only, in its data directory (the run command); on
 * Linux x86-64 its HTTP server runs on Netty's native epoll transport (NIO elsewhere).
 */
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
            assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
            var r = Http.post(server.getURL() + "/simulator/api/messages", "application/json",
                    Http.utf8("{\"from\":\"+447700900555\",\"text\":\"hello\"}"), Map.of());
            assertEquals(200, r.statusCode());
            assertTrue(Files.exists(data.resolve("keys.properties")), "development keys generated on first start");
            try (var files = Files.walk(data.resolve("redis"))) {
                assertTrue(files.anyMatch(p -> p.getFileName().toString().contains(".aof")), "append-only file on");
            }
            boolean linuxX64 = "Linux".equals(System.getProperty("os.name"))
                    && "amd64".equals(System.getProperty("os.arch"));
            assertEquals(linuxX64, Epoll.isAvailable(), () -> "the native epoll library loads on Linux x86-64: "
                    + Epoll.unavailabilityCause());
            IoEventLoop loop = (IoEventLoop) ctx.getBean(EventLoopGroupRegistry.class).getDefaultEventLoopGroup().next();
            assertEquals(Epoll.isAvailable(), loop.isIoType(EpollIoHandler.class), "the server's event loops use it");
        }
    }
}
