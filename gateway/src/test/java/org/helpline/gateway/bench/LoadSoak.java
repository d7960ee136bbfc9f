package org.helpline.gateway.bench;

import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;

/**
 * {@code scripts/bench load --soak 30m}: the same texters at a steady rate for a long time; every interval the
 * gateway's heap right after a full GC and Redis's {@code used_memory} and key count are sampled, and their slopes per
 * minute reported. The population is fixed, so the heap has no legitimate reason to grow; Redis does grow, by what a
 * helpline keeps: each message's transcript lines (90 days) and its reply cache entry (7 days), reported per message.
 */
final class LoadSoak {
    private record Sample(double minutes, long messages, long heap, long redisMemory, long keys) {
    }

    private final LoadOptions o;
    private final LoadReport report;
    private final LoadClient client;
    private final Jedis info;
    private final LoadServices.Service gateway;
    private final LoadMix mix;
    private final LoadConsole console;

    LoadSoak(LoadOptions o, LoadReport report, LoadClient client, Jedis info, LoadServices.Service gateway,
             LoadMix mix, LoadConsole console) {
        this.o = o;
        this.report = report;
        this.client = client;
        this.info = info;
        this.gateway = gateway;
        this.mix = mix;
        this.console = console;
    }

    void run() throws Exception {
        report.line("soak: %.0f messages/s for %d s, sampled every %d s (heap after a full GC; Redis used_memory), "
                + "load average %s", o.soakRate(), o.soakSeconds(), o.soakInterval(), LoadServices.loadAverage());
        report.line("%8s %10s %9s %10s %9s %8s %7s %s", "minute", "messages", "heap MB", "redis MB", "keys",
                "p99 ms", "errors", "load avg");
        List<Sample> samples = new ArrayList<>();
        long start = System.nanoTime();
        long messages = 0;
        samples.add(sample(start, messages));
        print(samples.get(0), Double.NaN, 0);
        while ((System.nanoTime() - start) / 1e9 < o.soakSeconds()) {
            LoadClient.Result r = client.openLoop(mix.next((int) (o.soakRate() * o.soakInterval())), o.soakRate(),
                    o.maxConnections(), console::onSend);
            console.reset();
            messages += r.ok();
            Sample s = sample(start, messages);
            samples.add(s);
            print(s, LoadBench.p(r.latencyMicros(), 99), r.errors());
        }
        List<Sample> settled = samples.size() > 3 ? samples.subList(1, samples.size()) : samples;
        double heapSlope = slope(settled, Sample::heap) / 1024 / 1024;
        double redisSlope = slope(settled, Sample::redisMemory) / 1024 / 1024;
        double keysSlope = slope(settled, Sample::keys);
        Sample first = settled.get(0);
        Sample last = settled.get(settled.size() - 1);
        double perMessage = (double) (last.redisMemory() - first.redisMemory())
                / Math.max(1, last.messages() - first.messages());
        double keysPerMessage = (double) (last.keys() - first.keys()) / Math.max(1, last.messages() - first.messages());
        report.line("soak result over %.1f min (%d messages; first sample left out as the settling point): heap after "
                        + "GC %+.2f MB/min (from %.1f to %.1f MB); Redis used_memory %+.2f MB/min = %.0f bytes per "
                        + "message, keys %+.0f/min = %.2f per message (reply cache: 1 key per message, 7 days)",
                last.minutes() - first.minutes(), last.messages() - first.messages(), heapSlope,
                first.heap() / 1048576.0, last.heap() / 1048576.0, redisSlope, perMessage, keysSlope, keysPerMessage);
        breakdown();
        report.line("texters who have not escalated yet: %d of %d (high-risk messages stop when none are left: "
                + "nobody closes cases in this bench)", mix.notEscalated(), mix.senders());
    }

    /**
     * What Redis holds, by kind of key (every key counted with SCAN; bytes from MEMORY USAGE on up to 300 keys of each
     * kind, scaled), so that growth can be told apart: transcripts and reply caches grow with every message by design.
     */
    private void breakdown() {
        java.util.Map<String, long[]> kinds = new java.util.TreeMap<>();     // kind -> {keys, sampled, sampledBytes}
        java.util.Map<String, java.util.List<String>> samples = new java.util.HashMap<>();
        String cursor = redis.clients.jedis.params.ScanParams.SCAN_POINTER_START;
        redis.clients.jedis.params.ScanParams params = new redis.clients.jedis.params.ScanParams().count(2000);
        do {
            var page = info.scan(cursor, params);
            for (String key : page.getResult()) {
                String kind = key.replaceAll("\\{[^}]*\\}", "{}").replaceAll(":replies:.*", ":replies:<sid>")
                        .replaceAll(":(entry|counsellor|held|lost):.*", ":$1:<id>");
                long[] k = kinds.computeIfAbsent(kind, x -> new long[3]);
                k[0]++;
                var list = samples.computeIfAbsent(kind, x -> new ArrayList<>());
                if (list.size() < 300) {
                    list.add(key);
                }
            }
            cursor = page.getCursor();
        } while (!cursor.equals("0"));
        report.line("Redis by kind of key at the end of the soak:");
        report.line("  %-40s %9s %12s %12s", "key", "keys", "bytes/key", "MB (est.)");
        for (var e : kinds.entrySet()) {
            long bytes = 0;
            int n = 0;
            for (String key : samples.get(e.getKey())) {
                Long b = info.memoryUsage(key);
                if (b != null) {
                    bytes += b;
                    n++;
                }
            }
            double perKey = n == 0 ? 0 : (double) bytes / n;
            report.line("  %-40s %9d %12.0f %12.1f", e.getKey(), e.getValue()[0], perKey,
                    perKey * e.getValue()[0] / 1048576.0);
        }
    }

    private Sample sample(long start, long messages) {
        long heap = LoadServices.heapAfterGc(gateway.pid());
        LoadServices.RedisCounters c = LoadServices.RedisCounters.read(info);
        return new Sample((System.nanoTime() - start) / 6e10, messages, heap, c.usedMemory(), c.keys());
    }

    private void print(Sample s, double p99, long errors) {
        report.line("%8.2f %10d %9.1f %10.1f %9d %8.2f %7d %s", s.minutes(), s.messages(), s.heap() / 1048576.0,
                s.redisMemory() / 1048576.0, s.keys(), p99, errors, LoadServices.loadAverage());
    }

    /** Least-squares slope of {@code y} per minute. */
    private static double slope(List<Sample> xs, java.util.function.ToLongFunction<Sample> y) {
        double n = xs.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (Sample s : xs) {
            double v = y.applyAsLong(s);
            sx += s.minutes();
            sy += v;
            sxx += s.minutes() * s.minutes();
            sxy += s.minutes() * v;
        }
        double d = n * sxx - sx * sx;
        return d == 0 ? 0 : (n * sxy - sx * sy) / d;
    }
}
