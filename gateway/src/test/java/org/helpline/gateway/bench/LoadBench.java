package org.helpline.gateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.helpline.gateway.redis.EmbeddedRedis;
import redis.clients.jedis.Jedis;

/**
 * Issue 7, measured (not a test): {@code scripts/bench load}. The gateway's jar runs as its own process on a real
 * redis-server with Twilio signatures required; this process drives it with signed webhooks from a fixed population of
 * texters ({@link LoadMix}), open loop at fixed rates and closed loop at rising concurrency ({@link LoadClient}), while a
 * signed-in console measures high-risk → queue event ({@link LoadConsole}) and Redis's own counters give the round trips
 * per message. A bare Micronaut endpoint ({@code scripts/bare-baseline}) is driven the same way first. Options:
 * {@code --rates 500,1000,2000,3000,5000 --open-seconds 12 --concurrency 1,4,16,64 --closed-seconds 8
 * --senders 10000 --high-risk 0.03 --soak 5m --soak-rate 500 --soak-interval 30 --no-baseline --out target/load}.
 */
public final class LoadBench {
    static final String PUBLIC_URL = "https://helpline.example.org";
    static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    static final String HELPLINE_NUMBER = "+447700900000";

    private final LoadOptions o;
    private final LoadReport report;
    private final String authToken = hex(16);

    private LoadBench(LoadOptions options) {
        this.o = options;
        this.report = new LoadReport(options);
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        LoadOptions options = LoadOptions.parse(args);
        Files.createDirectories(options.out());
        new LoadBench(options).run();
        System.exit(0);
    }

    private void run() throws Exception {
        report.header();
        if (o.baseline()) {
            baseline();
        }
        if (o.gateway()) {
            try (EmbeddedRedis redis = EmbeddedRedis.start(0, Files.createTempDirectory("load-redis"))) {
                gateway(redis);
            }
        }
        report.summary();
    }

    private void baseline() throws Exception {
        int port = EmbeddedRedis.freePort();
        try (LoadServices.Service bare = LoadServices.start("bare baseline", o.baselineJar(), List.of("-Xmx1g"),
                Map.of(), port, o.out().resolve("bare-baseline.log"), "/");
             LoadClient client = new LoadClient("127.0.0.1", port, o.timeoutMillis())) {
            LoadMix mix = mix(port);
            List<LoadMix.Request> requests = mix.next(50_000);      // the same kind of bytes; any may repeat here
            client.closedLoop(requests, 16, 5, true, (r, t) -> { });  // warm-up
            for (double rate : o.rates()) {
                List<LoadMix.Request> phase = cycle(requests, (int) (rate * o.openSeconds()));
                LoadClient.Result r = client.openLoop(phase, rate, o.maxConnections(), (x, t) -> { });
                report.row("baseline", r, null, null, null);
                if (report.blewUp(r)) {
                    break;
                }
            }
            for (int c : o.concurrency()) {
                report.row("baseline", client.closedLoop(requests, c, o.closedSeconds(), true, (x, t) -> { }), null,
                        null, null);
            }
        }
    }

    private void gateway(EmbeddedRedis redis) throws Exception {
        int port = EmbeddedRedis.freePort();
        Map<String, String> env = new HashMap<>();
        env.put("REDIS_URL", redis.url());
        env.put("TWILIO_ACCOUNT_SID", ACCOUNT_SID);
        env.put("TWILIO_AUTH_TOKEN", authToken);
        env.put("TWILIO_FROM", HELPLINE_NUMBER);
        env.put("TWILIO_API_BASE_URL", "http://127.0.0.1:9");   // nothing leaves the machine
        env.put("HELPLINE_PUBLIC_URL", PUBLIC_URL);
        env.put("HELPLINE_JWT_SECRET", "load-bench-" + hex(24));
        env.put("HELPLINE_CAMPAIGNS_ENABLED", "false");
        env.put("HELPLINE_CONSOLE_DEMO_USERS", "true");
        env.put("HELPLINE_PRIVACY_MESSAGE_KEYS_K1", key());
        env.put("HELPLINE_PRIVACY_CURRENT_KEY_ID", "k1");
        env.put("HELPLINE_PRIVACY_PSEUDONYM_KEY", key());
        List<String> jvm = List.of("-Xmx" + o.gatewayHeap(), "-XX:+UnlockDiagnosticVMOptions",
                "-XX:+DebugNonSafepoints");
        try (Jedis info = new Jedis(redis.url());
             LoadServices.Service gw = LoadServices.start("gateway", o.gatewayJar(), jvm, env, port,
                     o.out().resolve("gateway.log"), "/health");
             LoadClient client = new LoadClient("127.0.0.1", port, o.timeoutMillis());
             LoadConsole console = new LoadConsole("http://127.0.0.1:" + port, "supervisor", "supervisor-demo")) {
            report.line("gateway pid %d on port %d, Redis %s (%s)", gw.pid(), port, redis.url(),
                    info.info("server").lines().filter(l -> l.startsWith("redis_version")).findFirst().orElse(""));
            calibrate(info);
            LoadMix mix = mix(port);

            // warm-up: every texter's opening (greeting → notice, YES → consent, 1 → English → menu)
            var before = LoadServices.RedisCounters.read(info);
            LoadClient.Result warm = client.closedLoop(mix.opening(), 16, 3600, false, console::onSend);
            var after = LoadServices.RedisCounters.read(info);
            double[] idle = idleRate(info);
            report.row("gateway", warm, LoadServices.RoundTrips.of(before, after, warm.ok(), idle[0], idle[1]),
                    null, "warm-up: " + mix.senders() + " conversations opened (3 messages each)");
            console.reset();

            // the common path alone (no high-risk message): Redis round trips per message
            List<LoadMix.Request> common = mix.next((int) (o.rates()[0] * o.commonSeconds()), 0);
            before = LoadServices.RedisCounters.read(info);
            LoadClient.Result c0 = client.openLoop(common, o.rates()[0], o.maxConnections(), console::onSend);
            after = LoadServices.RedisCounters.read(info);
            report.row("gateway", c0, LoadServices.RoundTrips.of(before, after, c0.ok(), idle[0], idle[1]), null,
                    "common path: no high-risk message (round trips)");
            console.reset();

            double best = 0;
            for (double rate : o.rates()) {
                List<LoadMix.Request> phase = mix.next((int) (rate * o.openSeconds()));
                LoadClient.Result r = measured(client, info, console, idle, () ->
                        client.openLoop(phase, rate, o.maxConnections(), console::onSend));
                best = Math.max(best, r.throughput());
                if (report.blewUp(r)) {
                    break;
                }
            }
            for (int c : o.concurrency()) {
                int n = (int) Math.max(2_000, Math.max(best, 500) * 2 * o.closedSeconds());
                List<LoadMix.Request> phase = mix.next(n);
                measured(client, info, console, idle, () ->
                        client.closedLoop(phase, c, o.closedSeconds(), false, console::onSend));
            }
            profile(gw, client, console, mix);
            if (o.soakSeconds() > 0) {
                new LoadSoak(o, report, client, info, gw, mix, console).run();
            }
        }
    }

    private interface Phase {
        LoadClient.Result run() throws Exception;
    }

    private LoadClient.Result measured(LoadClient client, Jedis info, LoadConsole console, double[] idle, Phase phase)
            throws Exception {
        var before = LoadServices.RedisCounters.read(info);
        LoadClient.Result r = phase.run();
        var after = LoadServices.RedisCounters.read(info);
        LoadConsole.Result seen = console.drain(3000);
        report.row("gateway", r, LoadServices.RoundTrips.of(before, after, r.ok(), idle[0], idle[1]), seen, null);
        return r;
    }

    /** The highest open-loop rate that held, again, with a flight recording (kept apart from the figures above). */
    private void profile(LoadServices.Service gw, LoadClient client, LoadConsole console, LoadMix mix)
            throws Exception {
        double rate = report.highestHeldRate();
        if (rate <= 0 || !o.profile()) {
            return;
        }
        Path jfr = o.out().resolve("gateway.jfr").toAbsolutePath();
        Files.deleteIfExists(jfr);
        LoadServices.jcmd(gw.pid(), "JFR.start", "name=load", "settings=profile", "filename=" + jfr);
        LoadClient.Result r = client.openLoop(mix.next((int) (rate * o.openSeconds())), rate, o.maxConnections(),
                console::onSend);
        LoadServices.jcmd(gw.pid(), "JFR.stop", "name=load");
        console.drain(3000);
        report.row("gateway", r, null, null, "with JFR (settings=profile), not in the goals");
        report.profile(LoadProfile.summary(jfr, 15));
    }

    /** One PING between two samples must count as one read and one command: the method, checked. */
    private void calibrate(Jedis info) {
        var a = LoadServices.RedisCounters.read(info);
        info.ping();
        var b = LoadServices.RedisCounters.read(info);
        long reads = b.reads() - a.reads() - LoadServices.RedisCounters.OWN;
        long commands = b.commands() - a.commands() - LoadServices.RedisCounters.OWN;
        report.line("Redis counters checked on one PING: %d read(s), %d command(s) (expected 1 and 1)", reads,
                commands);
    }

    /** Redis reads and commands per second with the gateway idle (its scheduled jobs, presence): subtracted. */
    private double[] idleRate(Jedis info) throws InterruptedException {
        var a = LoadServices.RedisCounters.read(info);
        Thread.sleep(o.idleSeconds() * 1000L);
        var b = LoadServices.RedisCounters.read(info);
        double s = (b.nanos() - a.nanos()) / 1e9;
        double reads = (b.reads() - a.reads() - LoadServices.RedisCounters.OWN) / s;
        double commands = (b.commands() - a.commands() - LoadServices.RedisCounters.OWN) / s;
        report.line("idle background over %.0f s: %.1f reads/s, %.1f commands/s (subtracted below)", s, reads,
                commands);
        return new double[]{reads, commands};
    }

    private LoadMix mix(int port) {
        return new LoadMix(o.senders(), o.highRiskShare(), "127.0.0.1:" + port, PUBLIC_URL, ACCOUNT_SID, authToken,
                HELPLINE_NUMBER);
    }

    private static List<LoadMix.Request> cycle(List<LoadMix.Request> from, int n) {
        List<LoadMix.Request> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(from.get(i % from.size()));
        }
        return out;
    }

    private static String key() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x", x));
        }
        return s.toString();
    }

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static double p(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    static String list(double[] xs) {
        return Arrays.toString(xs);
    }
}
