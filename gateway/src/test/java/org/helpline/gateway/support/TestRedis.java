package org.helpline.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.helpline.gateway.redis.EmbeddedRedis;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;

/**
 * One real Redis server (embedded-redis: the real redis-server binary) for the whole test JVM, on a free port, in a
 * temporary directory. Tests that need a clean slate call {@link #flush()}.
 */
public final class TestRedis {
    private static EmbeddedRedis server;
    private static UnifiedJedis client;

    private TestRedis() {
    }

    public static synchronized EmbeddedRedis server() {
        if (server == null) {
            try {
                Path dir = Files.createTempDirectory("helpline-test-redis");
                server = EmbeddedRedis.start(0, dir);
                client = new JedisPooled(server.url());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> server.close()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    public static String url() {
        return server().url();
    }

    public static UnifiedJedis client() {
        server();
        return client;
    }

    public static void flush() {
        client().flushAll();
    }
}
