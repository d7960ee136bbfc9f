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
 * per message. A bare Micronaut endpoint ({@code scripts/bare-baseline}) is driven the same way first; the gateway runs
 * with a continuous flight recording, cut to the highest open-loop rate that held for the profile ({@link LoadProfile});
 * {@code --soak} then samples heap and Redis memory ({@link LoadSoak}). After the baseline, the floor: the same bare
 * endpoint after one Redis round trip, on the webhook pool and on the event loop ({@code floor(...)}). Options, with
 * their defaults:
 * {@code --rates 500,1000,2000,3000,5000 --open-seconds 12 --concurrency 1,4,16,64 --closed-seconds 8
 * --senders 20000 --high-risk 0.03 --soak 5m (off unless given) --soak-rate 500 --soak-interval 30 --heap 1g
 * --p99-limit-ms 1000 --timeout-ms 10000 --max-connections 512 --warm-messages 60000 --out target/load}, and
 * {@code --no-baseline}, {@code --no-gateway}, {@code --no-profile}; {@code --redis-config name=value,...} changes the embedded Redis's
 * settings for a diagnostic run (said in the report). {@code LOAD_GATEWAY_JAVA_OPTS} adds options to the gateway's JVM (e.g.
 * {@code -agentpath:} of a sampling profiler).
 */
public final class LoadBench {
    static final String PUBLIC_URL = "https://helpline.example.org";
    static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    static final String HELPLINE_NUMBER = "+447700900000";

    private final LoadOptions o;
    private final LoadReport report;
    private final String authToken = hex(16);
    private long redisPid = -1;
    /** The gateway's {@code -Xlog:gc} file, read for each phase's pauses ({@link LoadStalls}). */
    private Path gcLog;
    /** The p99 goal; {@link LoadStalls} counts the windows over it. */
    static final long GOAL_P99_MILLIS = 25;

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
        if (o.floor()) {
            try (EmbeddedRedis redis = EmbeddedRedis.start(0, Files.createTempDirectory("load-floor-redis"))) {
                floor(redis, "redis-pool", "floor");
                floor(redis, "redis-loop", "floor-el");
            }
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
            client.closedLoop(requests, 16, 5, true, (r, t) -> { });  // warm-up, both ways
            client.openLoop(cycle(requests, 3000), 1000, o.maxConnections(), (r, t) -> { });
            for (double rate : o.rates()) {
                List<LoadMix.Request> phase = cycle(requests, (int) (rate * o.openSeconds()));
                var cpu = LoadServices.Cpu.start(bare.pid(), -1);
                LoadClient.Result r = client.openLoop(phase, rate, o.maxConnections(), (x, t) -> { });
                report.row("baseline", r, null, null, null, cpu.perMessage(r.ok()));
                if (report.blewUp(r)) {
                    break;
                }
            }
            for (int c : o.concurrency()) {
                var cpu = LoadServices.Cpu.start(bare.pid(), -1);
                LoadClient.Result r = client.closedLoop(requests, c, o.closedSeconds(), true, (x, t) -> { });
                report.row("baseline", r, null, null, null, cpu.perMessage(r.ok()));
            }
        }
    }

    /**
     * The floor: the bare baseline's webhook after one Redis round trip ({@code INCR}, Jedis), in one of its
     * {@code BARE_MODE}s, on a Redis of its own (the gateway's runs on another, started after). Closed loop only: its
     * peak bounds what any pipeline in this stack that touches Redis once per message can answer on this machine.
     */
    private void floor(EmbeddedRedis redis, String mode, String system) throws Exception {
        int port = EmbeddedRedis.freePort();
        try (LoadServices.Service bare = LoadServices.start(system, o.baselineJar(), List.of("-Xmx1g"),
                Map.of("BARE_MODE", mode, "REDIS_URL", redis.url()), port,
                o.out().resolve("bare-" + mode + ".log"), "/");
             LoadClient client = new LoadClient("127.0.0.1", port, o.timeoutMillis())) {
            long redisProcess = LoadServices.redisPid();
            // the port only: the URL carries Redis's password, and the report is kept and quoted
            report.line("%s: the bare baseline with BARE_MODE=%s (one Redis INCR a webhook, %s), pid %d, Redis "
                            + "127.0.0.1:%d", system, mode, mode.equals("redis-pool")
                            ? "on a fixed pool of 16 threads as the gateway's webhooks" : "blocking the event loop",
                    bare.pid(), redis.port());
            List<LoadMix.Request> requests = mix(port).next(50_000);
            client.closedLoop(requests, 16, 5, true, (r, t) -> { });  // warm-up
            for (int c : o.concurrency()) {
                var cpu = LoadServices.Cpu.start(bare.pid(), redisProcess);
                LoadClient.Result r = client.closedLoop(requests, c, o.closedSeconds(), true, (x, t) -> { });
                report.row(system, r, null, null, null, cpu.perMessage(r.ok()));
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
        gcLog = o.out().resolve("gateway-gc.log").toAbsolutePath();
        Files.deleteIfExists(gcLog);
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + o.gatewayHeap(), "-XX:+UnlockDiagnosticVMOptions",
                "-XX:+DebugNonSafepoints", "-Xlog:gc:file=" + gcLog + ":time"));
        if (o.profile()) {
            // recording from the start: started later (jcmd JFR.start) under load, it stalled the gateway for seconds
            // (p50 2-3 s in the phase that followed); the phase to profile is cut out of it afterwards
            jvm.add("-XX:StartFlightRecording=name=load,settings=profile,disk=true,maxage=2h");
        }
        // more options for the gateway's JVM (e.g. another profiler's agent), split on spaces
        String extra = System.getenv().getOrDefault("LOAD_GATEWAY_JAVA_OPTS", "").trim();
        if (!extra.isEmpty()) {
            jvm.addAll(List.of(extra.split("\\s+")));
        }
        try (Jedis info = new Jedis(redis.url());
             LoadServices.Service gw = LoadServices.start("gateway", o.gatewayJar(), jvm, env, port,
                     o.out().resolve("gateway.log"), "/health");
             LoadClient client = new LoadClient("127.0.0.1", port, o.timeoutMillis());
             LoadConsole console = new LoadConsole("http://127.0.0.1:" + port, "supervisor", "supervisor-demo")) {
            report.line("gateway pid %d on port %d, Redis 127.0.0.1:%d (%s)", gw.pid(), port, redis.port(),
                    info.info("server").lines().filter(l -> l.startsWith("redis_version")).findFirst().orElse(""));
            o.redisConfig().forEach((k, v) -> {
                info.configSet(k, v);
                report.line("Redis CONFIG SET %s %s (changed from the gateway's default, for this run)", k, v);
            });
            calibrate(info);
            LoadStalls.enable(info);
            LoadMix mix = mix(port);

            // warm-up: every texter's opening (greeting → notice, YES → consent and the age question, 14 → menu)
            redisPid = LoadServices.redisPid();
            var before = LoadServices.RedisCounters.read(info);
            var cpu = LoadServices.Cpu.start(gw.pid(), redisPid);
            LoadClient.Result warm = client.closedLoop(mix.opening(), 16, 3600, false, console::onSend);
            double[] warmCpu = cpu.perMessage(warm.ok());
            var after = LoadServices.RedisCounters.read(info);
            double[] idle = idleRate(info);
            report.row("gateway", warm, LoadServices.RoundTrips.of(before, after, warm.ok(), idle),
                    null, "warm-up: " + mix.senders() + " conversations opened (3 messages each)", warmCpu);
            if (o.warmMessages() > 0) {
                // then the mix itself (menus, free text, 1% high-risk), so that the JIT has compiled what the phases
                // run: without it the first phases paid for the compiler (a quarter of the gateway's CPU in a
                // profile 100 s in) and the phase order decided the figures
                double share = Math.min(0.01, o.highRiskShare());
                cpu = LoadServices.Cpu.start(gw.pid(), redisPid);
                LoadClient.Result warm2 = client.closedLoop(mix.next(o.warmMessages(), share), 16, 3600, false,
                        console::onSend);
                report.row("gateway", warm2, null, null, String.format("warm-up: the mix, %.0f%% high-risk",
                        share * 100), cpu.perMessage(warm2.ok()));
            }
            console.reset();

            // the common path alone (no high-risk message): Redis round trips per message
            List<LoadMix.Request> common = mix.next((int) (o.rates()[0] * o.commonSeconds()), 0);
            var commonTime = LoadServices.RedisTime.read(info);
            before = LoadServices.RedisCounters.read(info);
            cpu = LoadServices.Cpu.start(gw.pid(), redisPid);
            LoadClient.Result c0 = client.openLoop(common, o.rates()[0], o.maxConnections(), console::onSend);
            double[] commonCpu = cpu.perMessage(c0.ok());
            after = LoadServices.RedisCounters.read(info);
            var commonAfter = LoadServices.RedisTime.read(info);
            report.row("gateway", c0, LoadServices.RoundTrips.of(before, after, c0.ok(), idle), null,
                    "common path: no high-risk message (round trips)", commonCpu);
            report.line("         %s", commonAfter.since(commonTime, c0.ok()));
            report.line("         %s", commonAfter.calls(commonTime, c0.ok()));
            console.reset();

            double best = 0;
            Map<Double, Instant[]> windows = new HashMap<>();
            for (double rate : o.rates()) {
                List<LoadMix.Request> phase = mix.next((int) (rate * o.openSeconds()));
                String lacking = owed(mix);
                Instant from = Instant.now();
                LoadClient.Result r = measured(gw, client, info, console, idle, lacking, () ->
                        client.openLoop(phase, rate, o.maxConnections(), console::onSend));
                windows.put(rate, new Instant[]{from, from.plusMillis((long) (r.seconds() * 1000))});
                best = Math.max(best, r.throughput());
                if (report.blewUp(r)) {
                    break;
                }
            }
            profile(gw, windows);
            for (int c : o.concurrency()) {
                int n = (int) Math.max(2_000, Math.max(best, 500) * 2 * o.closedSeconds());
                List<LoadMix.Request> phase = mix.next(n);
                String lacking = owed(mix);
                measured(gw, client, info, console, idle, lacking, () ->
                        client.closedLoop(phase, c, o.closedSeconds(), false, console::onSend));
            }
            if (o.soakSeconds() > 0) {
                new LoadSoak(o, report, client, info, gw, mix, console).run();
            }
        }
    }

    private interface Phase {
        LoadClient.Result run() throws Exception;
    }

    private LoadClient.Result measured(LoadServices.Service gw, LoadClient client, Jedis info, LoadConsole console,
                                       double[] idle, String note, Phase phase) throws Exception {
        LoadStalls.Start stalls = LoadStalls.start(info);
        var redisTime = LoadServices.RedisTime.read(info);      // before the counters: its INFOs are not the phase's
        var before = LoadServices.RedisCounters.read(info);
        var cpu = LoadServices.Cpu.start(gw.pid(), redisPid);
        LoadClient.Result r = phase.run();
        double[] used = cpu.perMessage(r.ok());
        var after = LoadServices.RedisCounters.read(info);
        String redisSplit = LoadServices.RedisTime.read(info).since(redisTime, r.ok());
        String tail = LoadStalls.summary(stalls, r, info, gcLog, GOAL_P99_MILLIS);
        LoadConsole.Result seen = console.drain(3000);
        report.row("gateway", r, LoadServices.RoundTrips.of(before, after, r.ok(), idle), seen, note,
                used);
        report.line("%s", tail);
        report.line("         %s", redisSplit);
        return r;
    }

    /** The flight recording's samples during the highest open-loop rate that held, summarised. */
    private void profile(LoadServices.Service gw, Map<Double, Instant[]> windows) throws Exception {
        Instant[] window = windows.get(report.highestHeldRate());
        if (!o.profile() || window == null) {
            return;
        }
        Path jfr = o.out().resolve("gateway.jfr").toAbsolutePath();
        Files.deleteIfExists(jfr);
        long back = java.time.Duration.between(window[0], Instant.now()).toSeconds() + 5;
        LoadServices.jcmd(gw.pid(), "JFR.dump", "name=load", "begin=-" + back + "s", "filename=" + jfr);
        report.profile(report.highestHeldRate(), LoadProfile.summary(jfr, window[0], window[1], 15));
    }

    /**
     * A note for a phase that carries fewer high-risk messages than its share (every texter has escalated): such a
     * row is left out of the goals, which are judged on the full mix only. {@code null} when the share is met.
     */
    private String owed(LoadMix mix) {
        // a few owed at a phase's end are normal (the next texter met had escalated already); more means none left
        boolean lacking = mix.highRiskOwed() > 50 || mix.highRiskOwed() > 0 && mix.notEscalated() == 0;
        return !lacking ? null : String.format("lacks %d high-risk messages of its %.1f%% share "
                + "(every texter has escalated; more --senders): not counted for the goals", mix.highRiskOwed(),
                o.highRiskShare() * 100);
    }

    /** One PING between two samples must count as one round trip, one read and one command: the method, checked. */
    private void calibrate(Jedis info) {
        var a = LoadServices.RedisCounters.read(info);
        info.ping();
        var b = LoadServices.RedisCounters.read(info);
        int own = LoadServices.RedisCounters.OWN;
        report.line("Redis counters checked on one PING: %d round trip(s) (replies written), %d read(s), %d "
                + "command(s) (expected 1, 1 and 1)", b.writes() - a.writes() - own, b.reads() - a.reads() - own,
                b.commands() - a.commands() - own);
    }

    /** Redis round trips, reads and commands a second with the gateway idle (its scheduled jobs): subtracted. */
    private double[] idleRate(Jedis info) throws InterruptedException {
        var a = LoadServices.RedisCounters.read(info);
        Thread.sleep(o.idleSeconds() * 1000L);
        var b = LoadServices.RedisCounters.read(info);
        double s = (b.nanos() - a.nanos()) / 1e9;
        int own = LoadServices.RedisCounters.OWN;
        double[] rate = {(b.writes() - a.writes() - own) / s, (b.reads() - a.reads() - own) / s,
                (b.commands() - a.commands() - own) / s};
        report.line("idle background over %.0f s: %.1f round trips/s, %.1f reads/s, %.1f commands/s (subtracted "
                + "below)", s, rate[0], rate[1], rate[2]);
        return rate;
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
