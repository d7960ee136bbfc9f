package org.helpline.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.helpline.gateway.redis.EmbeddedRedis;
import org.helpline.gateway.support.Http;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Finding 3 (medium): the embedded Redis had no password, so any local process could write a user hash with role
 * ADMIN and sign in with it; its append-only files were world-readable (0644); and it started outside the development
 * profile whenever REDIS_URL was missing. Replayed on the development run as {@code scripts/run} starts it (nothing
 * configured but the profile and a fresh data directory).
 */
class EmbeddedRedisLockedTest {
    private static Map<String, Object> devRun(Path data) {
        return Map.of("micronaut.server.port", -1,
                "redis.embedded-port", EmbeddedRedis.freePort(),
                "redis.embedded-dir", data.resolve("redis").toString(),
                "helpline.privacy.local-key-file", data.resolve("keys.properties").toString());
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void theDevelopmentRunsRedisNeedsItsGeneratedPasswordAndKeepsItsFilesPrivate() throws Exception {
        Path data = Files.createTempDirectory("embedded-locked");
        try (ApplicationContext ctx = ApplicationContext.run(devRun(data), "dev")) {
            EmbeddedServer server = ctx.getBean(EmbeddedServer.class).start();
            assertEquals(200, Http.get(server.getURL() + "/health").statusCode());
            EmbeddedRedis redis = ctx.getBean(EmbeddedRedis.class);
            Path passwordFile = data.resolve("redis.password");
            assertTrue(Files.exists(passwordFile), "the password is kept beside the development keys");
            assertEquals("rw-------", mode(passwordFile));
            assertEquals(redis.password(), Files.readString(passwordFile, StandardCharsets.UTF_8).strip());

            // the attack: a local process writes an administrator straight into Redis
            try (Jedis intruder = new Jedis("127.0.0.1", redis.port())) {
                JedisDataException refused = assertThrows(JedisDataException.class,
                        () -> intruder.hset("users:{users}:mallory", Map.of("roles", "ADMIN", "password", "x")));
                assertTrue(refused.getMessage().startsWith("NOAUTH"), refused.getMessage());
            }
            String cmdline = Files.readString(Path.of("/proc/" + redis.pid() + "/cmdline"));
            assertFalse(cmdline.contains(redis.password()), "the password is not on the server's command line");

            try (Jedis owner = new Jedis(java.net.URI.create(redis.url()))) {
                owner.set("probe", "1");
                // a rewrite creates new append-only files: they must be private too
                owner.bgrewriteaof();
                long deadline = System.currentTimeMillis() + 10_000;
                while (owner.info("persistence").contains("aof_rewrite_in_progress:1")
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(50);
                }
            }
            assertEquals("rwx------", mode(data.resolve("redis")));
            try (Stream<Path> files = Files.walk(data.resolve("redis"))) {
                List<Path> all = files.filter(Files::isRegularFile).toList();
                assertTrue(all.stream().anyMatch(p -> p.getFileName().toString().contains(".aof")), all.toString());
                for (Path p : all) {
                    assertEquals("rw-------", mode(p), p + " is readable by others");
                }
            }
        }
    }

    @Test
    void outsideTheDevelopmentProfileNoRedisUrlMeansNoStart() throws Exception {
        Path data = Files.createTempDirectory("embedded-refused");
        Map<String, Object> production = new java.util.HashMap<>(devRun(data));
        production.put("helpline.jwt-secret", "a-production-like-secret-0123456789abcdef");
        Exception e = assertThrows(Exception.class, () -> {
            try (ApplicationContext ctx = ApplicationContext.run(production)) {
                ctx.getBean(EmbeddedServer.class).start();
                ctx.getBean(redis.clients.jedis.UnifiedJedis.class).ping();
            }
        });
        String messages = Stream.iterate((Throwable) e, t -> t != null, Throwable::getCause)
                .map(String::valueOf).reduce("", String::concat);
        assertTrue(messages.contains("REDIS_EMBEDDED_ALLOWED"), messages);
        assertFalse(Files.exists(data.resolve("redis")), "no server was started");

        production.put("redis.embedded-allowed", "true");
        try (ApplicationContext ctx = ApplicationContext.run(production)) {
            assertEquals("PONG", ctx.getBean(redis.clients.jedis.UnifiedJedis.class).ping(),
                    "allowed explicitly, it starts (locked the same way)");
        }
    }
}
