package org.helpline.gateway.redis;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.embedded.RedisExecProvider;

/**
 * A real redis-server (7.0.x, the binary shipped in org.signal:embedded-redis) run as a child process, with the
 * append-only file on so that a restart keeps conversations and the queue. Used when no {@code REDIS_URL} is set (the
 * development run), and by the tests.
 *
 * <p>It listens on loopback only and requires a password: any local process could otherwise write a user with role
 * ADMIN and sign in with it. The password is generated on first start into a file next to the data directory
 * ({@code <dir>.password}, mode 600) and reused after, and it is never on a command line (other local users can read
 * those): the server reads it from its own config file (mode 600) in the data directory. The data directory is 700 and
 * the server runs under umask 077, so its append-only files, and those its rewrites create later, are 600.
 */
public final class EmbeddedRedis implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static File binary;
    private final Process process;
    private final int port;
    private final Path dir;
    private final String password;

    private EmbeddedRedis(Process process, int port, Path dir, String password) {
        this.process = process;
        this.port = port;
        this.dir = dir;
        this.password = password;
    }

    /** Starts a server on {@code port} (0: a free port) keeping its data in {@code dir}; password in {@code <dir>.password}. */
    public static EmbeddedRedis start(int port, Path dir) {
        return start(port, dir, defaultPasswordFile(dir));
    }

    /** Where the password of a server keeping its data in {@code dir} is kept unless configured otherwise. */
    public static Path defaultPasswordFile(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName() + ".password");
    }

    /** Starts a server on {@code port} (0: a free port) keeping its data in {@code dir}, its password in a file. */
    public static EmbeddedRedis start(int port, Path dir, Path passwordFile) {
        try {
            Files.createDirectories(dir);
            restrict(dir, DIR_MODE);
            String password = password(passwordFile);
            int chosen = port == 0 ? freePort() : port;
            Path conf = dir.resolve("redis.conf");
            List<String> lines = List.of(
                    "port " + chosen,
                    "bind 127.0.0.1",
                    "protected-mode yes",
                    "dir " + quote(dir.toAbsolutePath().toString()),
                    "appendonly yes",
                    "appendfsync everysec",
                    "save \"\"",
                    "daemonize no",
                    "requirepass " + quote(password));
            Files.deleteIfExists(conf);
            Files.createFile(conf, PosixFilePermissions.asFileAttribute(FILE_MODE));
            try (Writer w = Files.newBufferedWriter(conf, StandardCharsets.UTF_8)) {
                w.write(String.join("\n", lines) + "\n");
            }
            // files the server wrote before (under an older version of this class) become 600 as well
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.toList()) {
                    restrict(p, Files.isDirectory(p) ? DIR_MODE : FILE_MODE);
                }
            }
            Path log = dir.resolve("redis.log");
            if (!Files.exists(log)) {
                Files.createFile(log, PosixFilePermissions.asFileAttribute(FILE_MODE));
            }
            List<String> command = new ArrayList<>();
            if (new File("/bin/sh").canExecute()) {
                // umask 077: the append-only files the server creates, now and at each rewrite, are 600
                command.addAll(List.of("/bin/sh", "-c", "umask 077 && exec \"$0\" \"$1\"",
                        binary().getAbsolutePath(), conf.toAbsolutePath().toString()));
            } else {
                command.addAll(List.of(binary().getAbsolutePath(), conf.toAbsolutePath().toString()));
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            EmbeddedRedis server = new EmbeddedRedis(process, chosen, dir, password);
            server.awaitReady(log);
            LOG.info("Embedded Redis started on 127.0.0.1:{} (data in {}, password in {})", chosen,
                    dir.toAbsolutePath(), passwordFile.toAbsolutePath());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded Redis in " + dir, e);
        }
    }

    private void awaitReady(Path log) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try (Jedis j = new Jedis(new HostAndPort("127.0.0.1", port),
                    DefaultJedisClientConfig.builder().password(password).timeoutMillis(2000).build())) {
                if ("PONG".equals(j.ping())) {
                    return;
                }
            } catch (JedisException e) {
                // loading its append-only file (answers LOADING), or not listening yet
                if (!process.isAlive()) {
                    throw new IllegalStateException("redis-server exited with " + process.exitValue()
                            + "; its log: " + log.toAbsolutePath());
                }
                if (System.currentTimeMillis() > deadline) {
                    close();
                    throw new IllegalStateException("redis-server did not answer within 30 s: " + e.getMessage());
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting redis-server", ie);
            }
        }
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The password in {@code file}, generated (32 random bytes, URL-safe base64) into it, mode 600, on first use. */
    static synchronized String password(Path file) throws IOException {
        if (Files.exists(file)) {
            restrict(file, FILE_MODE);
            String p = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!p.isEmpty()) {
                return p;
            }
            Files.delete(file);
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        String p = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE_MODE));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system
        }
        Files.writeString(file, p + "\n", StandardCharsets.UTF_8);
        return p;
    }

    private static void restrict(Path p, Set<PosixFilePermission> mode) throws IOException {
        try {
            Files.setPosixFilePermissions(p, mode);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing more to do
        }
    }

    private static synchronized File binary() throws IOException {
        if (binary == null) {
            binary = RedisExecProvider.defaultProvider().get();
        }
        return binary;
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    /** The server's password (for a test's own replica, say). */
    public String password() {
        return password;
    }

    /** {@code redis://:<password>@127.0.0.1:<port>}: the password travels in the URL as REDIS_URL's does. */
    public String url() {
        return "redis://:" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "@127.0.0.1:" + port;
    }

    /** The child process's id. */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        // SIGTERM: redis-server flushes its append-only file and exits
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                LOG.warn("Embedded Redis did not stop within 10 s; killing it");
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
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
