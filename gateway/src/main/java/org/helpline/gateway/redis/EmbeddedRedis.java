package org.helpline.gateway.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A real redis-server (7.0.x, from org.signal:embedded-redis) run as a child process, with the append-only file on so
 * that a restart keeps conversations and the queue. Used when no {@code REDIS_URL} is set, and by the tests.
 */
public final class EmbeddedRedis implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);
    private final RedisServer server;
    private final int port;
    private final Path dir;

    private EmbeddedRedis(RedisServer server, int port, Path dir) {
        this.server = server;
        this.port = port;
        this.dir = dir;
    }

    /** Starts a server on {@code port} (0: a free port) keeping its data in {@code dir}. */
    public static EmbeddedRedis start(int port, Path dir) {
        try {
            Files.createDirectories(dir);
            int chosen = port == 0 ? freePort() : port;
            RedisServer server = RedisServer.builder()
                    .port(chosen)
                    .bind("127.0.0.1")
                    .setting("dir " + dir.toAbsolutePath())
                    .setting("appendonly yes")
                    .setting("appendfsync everysec")
                    .setting("save \"\"")
                    .setting("protected-mode yes")
                    .build();
            server.start();
            LOG.info("Embedded Redis started on 127.0.0.1:{} (data in {})", chosen, dir.toAbsolutePath());
            return new EmbeddedRedis(server, chosen, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded Redis in " + dir, e);
        }
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (RuntimeException e) {
            LOG.warn("Embedded Redis did not stop cleanly: {}", e.getMessage());
        }
    }

    /** A free TCP port on loopback. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
