package org.helpline.gateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.util.SafeEncoder;

/**
 * Where a phase's tail comes from, printed under its row: the 100-ms windows (of intended send time) whose slowest
 * answer passed the latency goal, and what happened on the machine meanwhile — the gateway's GC pauses (its
 * {@code -Xlog:gc} file) and the load generator's own (scripts/bench logs them beside it: a pause there delays
 * requests too), Redis's own latency events over {@link #REDIS_THRESHOLD_MS} ({@code LATENCY LATEST}: fork,
 * append-only-file writes and fsyncs, expiry cycles, slow commands) and whether a rewrite of that file begun before
 * the phase was still running at its start, the time some task waited for a CPU (Linux PSI,
 * {@code /proc/pressure/cpu}) and the CPU time the hypervisor took (steal, {@code /proc/stat}).
 */
final class LoadStalls {
    static final long WINDOW_MILLIS = 100;
    static final int REDIS_THRESHOLD_MS = 5;
    private static final ProtocolCommand LATENCY = () -> SafeEncoder.encode("LATENCY");
    private static final Pattern GC_PAUSE = Pattern.compile("^\\[([^\\]]+)\\].*?\\bPause\\b(.*?)\\s([0-9.]+)ms$");
    private static final DateTimeFormatter GC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    /** What is read when a phase starts. */
    record Start(Instant at, long pressureMicros, long[] cpuTicks, boolean rewriting) {
    }

    private LoadStalls() {
    }

    /** Turns Redis's latency monitor on (once per run). */
    static void enable(Jedis info) {
        info.configSet("latency-monitor-threshold", Integer.toString(REDIS_THRESHOLD_MS));
    }

    static Start start(Jedis info) {
        info.sendCommand(LATENCY, "RESET");
        return new Start(Instant.now(), pressure(), cpuTicks(), rewriting(info));
    }

    /**
     * Whether Redis's append-only-file rewrite (a forked child writing the whole dataset) is running: the phase's
     * {@code fork} column counts only rewrites that start within it, and one begun just before takes a core into it.
     */
    static boolean rewriting(Jedis info) {
        return info.info("persistence").lines().anyMatch(l -> l.strip().equals("aof_rewrite_in_progress:1"));
    }

    /** One line: the tail's windows, GC pauses, Redis events, CPU pressure and steal over the phase. */
    static String summary(Start s, LoadClient.Result r, Jedis info, Path gcLog, long goalMillis) {
        Instant end = Instant.now();
        long[] windows = r.windowMaxMicros();
        int used = 0;
        List<int[]> slow = new ArrayList<>();
        for (int i = 0; i < windows.length; i++) {
            if (windows[i] > 0) {
                used = i + 1;
            }
            if (windows[i] > goalMillis * 1000) {
                slow.add(new int[]{i, (int) (windows[i] / 1000)});
            }
        }
        StringBuilder out = new StringBuilder("  where the tail is: ");
        out.append(String.format("%d of %d windows of %d ms had an answer over %d ms", slow.size(), used,
                WINDOW_MILLIS, goalMillis));
        if (!slow.isEmpty()) {
            out.append(" (");
            int first = slow.get(0)[0];
            int last = slow.get(slow.size() - 1)[0];
            out.append(String.format("from +%.1f s to +%.1f s; slowest", first * WINDOW_MILLIS / 1000.0,
                    (last + 1) * WINDOW_MILLIS / 1000.0));
            slow.stream().sorted(Comparator.comparingInt((int[] w) -> w[1]).reversed()).limit(3)
                    .forEach(w -> out.append(String.format(" +%.1f s %d ms", w[0] * WINDOW_MILLIS / 1000.0, w[1])));
            out.append(")");
        }
        out.append("; ").append(gcPauses(gcLog, s.at(), end));
        Path generator = gcLog == null ? null : gcLog.resolveSibling("generator-gc.log");
        if (generator != null && Files.exists(generator)) {
            out.append("; ").append(gcPauses(generator, s.at(), end).replace("gateway GC", "generator GC"));
        }
        out.append("; Redis events over ").append(REDIS_THRESHOLD_MS).append(" ms: ").append(redisEvents(info));
        if (s.rewriting()) {
            out.append("; an append-only-file rewrite was already running when the phase began");
        }
        long[] ticks = cpuTicks();
        long pressure = pressure();
        double seconds = (end.toEpochMilli() - s.at().toEpochMilli()) / 1000.0;
        if (pressure >= 0 && s.pressureMicros() >= 0) {
            out.append(String.format("; some task waiting for a CPU %.0f%% of the time",
                    (pressure - s.pressureMicros()) / 1e4 / seconds));
        }
        if (ticks.length > 7 && s.cpuTicks().length > 7) {
            long total = 0;
            for (int i = 0; i < ticks.length; i++) {
                total += ticks[i] - s.cpuTicks()[i];
            }
            out.append(String.format(", steal %.1f%%", total == 0 ? 0 : 100.0 * (ticks[7] - s.cpuTicks()[7]) / total));
        }
        return out.toString();
    }

    /** The gateway's GC pauses between {@code from} and {@code to}: count, total, longest (and its kind). */
    static String gcPauses(Path gcLog, Instant from, Instant to) {
        if (gcLog == null || !Files.exists(gcLog)) {
            return "gateway GC: no log";
        }
        int count = 0;
        double total = 0;
        double longest = 0;
        String kind = "";
        try {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC_PAUSE.matcher(line.strip());
                if (!m.find()) {
                    continue;
                }
                Instant at;
                try {
                    at = OffsetDateTime.parse(m.group(1), GC_TIME).toInstant();
                } catch (RuntimeException e) {
                    continue;
                }
                if (at.isBefore(from) || at.isAfter(to)) {
                    continue;
                }
                double ms = Double.parseDouble(m.group(3));
                count++;
                total += ms;
                if (ms > longest) {
                    longest = ms;
                    kind = m.group(2).replaceAll("\\S+->\\S+", "").strip();
                }
            }
        } catch (IOException e) {
            return "gateway GC: log unreadable";
        }
        return String.format("gateway GC: %d pauses, %.0f ms in all, longest %.1f ms%s", count, total, longest,
                kind.isEmpty() ? "" : " (" + kind + ")");
    }

    private static String redisEvents(Jedis info) {
        Object reply = info.sendCommand(LATENCY, "LATEST");
        List<String> events = new ArrayList<>();
        if (reply instanceof List<?> rows) {
            for (Object row : rows) {
                if (row instanceof List<?> f && f.size() >= 4) {
                    events.add(String.format("%s max %d ms", SafeEncoder.encode((byte[]) f.get(0)), (Long) f.get(3)));
                }
            }
        }
        return events.isEmpty() ? "none" : String.join(", ", events);
    }

    /** Total microseconds some task waited for a CPU (PSI), or -1 where the kernel does not say. */
    private static long pressure() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/pressure/cpu"))) {
                if (line.startsWith("some ")) {
                    return Long.parseLong(line.substring(line.indexOf("total=") + 6).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no PSI
        }
        return -1;
    }

    /** The {@code cpu} line of /proc/stat: user nice system idle iowait irq softirq steal ... (ticks). */
    private static long[] cpuTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long[] t = new long[f.length - 1];
            for (int i = 1; i < f.length; i++) {
                t[i - 1] = Long.parseLong(f[i]);
            }
            return t;
        } catch (IOException | RuntimeException e) {
            return new long[0];
        }
    }
}
