package org.helpline.gateway.chaos;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.embedded.RedisExecProvider;

/**
 * One real redis-server (the 7.0 binary shipped inside org.signal:embedded-redis, the one the gateway's own
 * {@code EmbeddedRedis} runs) as a child process whose PID we know, configured like {@code EmbeddedRedis}: append-only
 * file on, {@code appendfsync everysec}, no RDB snapshots. It can be killed with {@code kill -9} and started again on
 * the same port and data directory.
 */
final class RedisProcess {
    private static File binary;

    private final int port;
    private final Path dir;
    private final Path log;
    private Process process;

    RedisProcess(int port, Path dir, Path log) {
        this.port = port;
        this.dir = dir;
        this.log = log;
    }

    private static synchronized File binary() {
        if (binary == null) {
            try {
                binary = RedisExecProvider.defaultProvider().get();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot extract redis-server from embedded-redis", e);
            }
        }
        return binary;
    }

    /** Starts the server and waits until it answers PING (after loading its append-only file). */
    RedisProcess start() {
        dir.toFile().mkdirs();
        process = Children.start(new ProcessBuilder(List.of(binary().getAbsolutePath(),
                "--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toAbsolutePath().toString(),
                "--appendonly", "yes", "--appendfsync", "everysec", "--save", "", "--protected-mode", "yes",
                "--daemonize", "no")), log);
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try (Jedis j = jedis()) {
                if ("PONG".equals(j.ping())) {
                    return this;
                }
            } catch (JedisException e) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("redis-server exited: " + Children.tail(log, 20));
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("redis-server did not answer within 30 s: " + e.getMessage());
                }
            }
            sleep(20);
        }
    }

    /** {@code kill -9}: no shutdown, no final fsync; returns the exit status (137). */
    int kill9() {
        return Children.kill9(process);
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** A short-lived connection for the driver's own checks of what Redis holds. */
    Jedis jedis() {
        Jedis j = new Jedis("127.0.0.1", port, 2000);
        return j;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
