package org.helpline.gateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code scripts/bench load} prints: one row per phase (with the load average when it ended), the profile, and a
 * line per goal of issue 7. Everything printed is also appended to {@code <out>/report.txt}.
 */
final class LoadReport {
    private record Row(String system, LoadClient.Result r, LoadServices.RoundTrips rt, LoadConsole.Result console,
                       String note, double[] cpu) {
    }

    private final LoadOptions o;
    private final List<Row> rows = new ArrayList<>();
    private boolean headed;

    LoadReport(LoadOptions o) {
        this.o = o;
    }

    void header() {
        line("scripts/bench load — %s — %d cores, %.1f GiB max heap here, %s %s — load average %s",
                LoadBench.now(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / 1024.0 / 1024 / 1024, System.getProperty("java.vm.name"),
                System.getProperty("java.version"), LoadServices.loadAverage());
        line("senders %d, high-risk share %.1f%%, open loop %s/s for %d s each, closed loop %s for %d s each, "
                        + "gateway heap %s%s", o.senders(), o.highRiskShare() * 100, LoadBench.list(o.rates()),
                o.openSeconds(), java.util.Arrays.toString(o.concurrency()), o.closedSeconds(), o.gatewayHeap(),
                o.profile() ? ", continuous JFR (settings=profile)" : "");
        line("a phase ends the rising rates when its p99 passes %.0f ms or more than 1%% of requests fail; an open-loop "
                + "phase starts with %d keep-alive connections open (up to %d while all are busy)", o.p99LimitMillis(),
                Math.min(LoadClient.WARM_CONNECTIONS, o.maxConnections()), o.maxConnections());
    }

    void line(String format, Object... args) {
        print(String.format(format, args));
    }

    void row(String system, LoadClient.Result r, LoadServices.RoundTrips rt, LoadConsole.Result console,
             String note, double[] cpu) {
        if (!headed) {
            print(String.format("%-8s %-6s %7s %8s %8s %7s %7s %7s %8s %6s %5s %5s %5s %11s %6s %6s %4s %17s %-25s %s",
                    "system", "mode", "offered", "sent", "ok/s", "p50ms", "p95ms", "p99ms", "max ms", "non200",
                    "tmout", "conn", "slow", "lag99/conns", "RT/msg", "cmd/m", "fork", "console p50/p99", "cpu µs/msg srv/redis/gen", "load avg"));
            headed = true;
        }
        rows.add(new Row(system, r, rt, console, note, cpu));
        long non200 = r.statuses().entrySet().stream().filter(e -> e.getKey() != 200).mapToLong(e -> e.getValue())
                .sum();
        String consoleCol = console == null ? "" : String.format("%d/%d %.0f/%.0f", console.sent(),
                console.received(), LoadBench.p(console.latencyMicros(), 50), LoadBench.p(console.latencyMicros(),
                        99));
        print(String.format("%-8s %-6s %7s %8d %8.0f %7.2f %7.2f %7.2f %8.1f %6d %5d %5d %5d %11s %6s %6s %4s %17s %-25s %s%s",
                system, r.mode(), r.mode().equals("open") ? String.format("%.0f/s", r.offered())
                        : String.format("c=%.0f", r.offered()), r.sent(), r.throughput(),
                LoadBench.p(r.latencyMicros(), 50), LoadBench.p(r.latencyMicros(), 95),
                LoadBench.p(r.latencyMicros(), 99), r.latencyMicros().getMaxValue() / 1000.0, non200, r.timeouts(),
                r.connectionErrors(), r.slowDownReplies(), r.mode().equals("open")
                        ? String.format("%.1f/%d", LoadBench.p(r.sendLagMicros(), 99), r.connections())
                        : Integer.toString(r.connections()),
                rt == null ? "" : String.format("%.2f", rt.perMessage()),
                rt == null ? "" : String.format("%.2f", rt.commandsPerMessage()),
                rt == null ? "" : Long.toString(rt.forks()), consoleCol,
                cpu == null ? "" : String.format("%.0f/%.0f/%.0f", cpu[0], cpu[1], cpu[2]),
                LoadServices.loadAverage(), note == null ? "" : "  " + note
                        + (non200 > 0 ? " statuses " + r.statuses() : "")));
        if (note == null && non200 > 0) {
            print("         statuses: " + r.statuses());
        }
    }

    /** Stop raising the rate: p99 past the limit, or more than 1% errors. */
    boolean blewUp(LoadClient.Result r) {
        return LoadBench.p(r.latencyMicros(), 99) > o.p99LimitMillis() || r.errors() > r.sent() / 100;
    }

    /** The gateway's highest open-loop rate that did not blow up (the profile is taken there). */
    double highestHeldRate() {
        return rows.stream().filter(x -> x.system().equals("gateway") && x.r().mode().equals("open")
                        && x.note() == null && !blewUp(x.r()))
                .mapToDouble(x -> x.r().offered()).max().orElse(o.rates()[0]);
    }

    void profile(double rate, String summary) {
        print(String.format("profile of the gateway during the open loop at %.0f/s (the highest rate that held; "
                + "continuous JFR, settings=profile):", rate));
        print(summary);
    }

    void summary() {
        print("");
        print("goals (issue 7), measured " + LoadBench.now() + ", load average " + LoadServices.loadAverage() + ":");
        List<Row> gwOpen = rows.stream().filter(x -> x.system().equals("gateway") && x.r().mode().equals("open")
                && x.note() == null).toList();
        Row bestWithin = gwOpen.stream().filter(x -> x.r().errors() == 0
                        && LoadBench.p(x.r().latencyMicros(), 99) <= 25)
                .max((a, b) -> Double.compare(a.r().offered(), b.r().offered())).orElse(null);
        print(String.format("  >= 5,000 signed messages/s with p99 <= 25 ms: %s",
                bestWithin == null ? "NOT MET — no open-loop rate held p99 <= 25 ms without errors"
                        : (bestWithin.r().offered() >= 5000 ? "met" : "NOT MET") + String.format(
                        " — highest rate held: %.0f/s (p99 %.2f ms)", bestWithin.r().offered(),
                        LoadBench.p(bestWithin.r().latencyMicros(), 99))));
        double gwPeak = peak("gateway");
        double barePeak = peak("baseline");
        if (barePeak > 0) {
            print(String.format("  >= 0.5x the bare baseline: %s — closed-loop peak %.0f/s vs baseline %.0f/s = "
                    + "%.2fx", gwPeak / barePeak >= 0.5 ? "met" : "NOT MET", gwPeak, barePeak, gwPeak / barePeak));
        } else {
            print("  >= 0.5x the bare baseline: not measured (--no-baseline)");
        }
        floor("floor", "on the webhook pool", gwPeak, barePeak);
        floor("floor-el", "on the event loop", gwPeak, barePeak);
        cpuBound("gateway");
        cpuBound("baseline");
        cpuBound("floor");
        cpuBound("floor-el");
        rows.stream().filter(x -> x.rt() != null && x.note() != null && x.note().startsWith("common path"))
                .findFirst().ifPresent(x -> print(String.format(
                        "  <= 2 Redis round trips per message on the common path: %s — %.2f round trips/message "
                                + "(replies written; %.2f socket reads, %.2f commands), no high-risk messages in "
                                + "that phase", x.rt().perMessage() <= 2.05 ? "met" : "NOT MET", x.rt().perMessage(),
                        x.rt().readsPerMessage(), x.rt().commandsPerMessage())));
        gwOpen.stream().filter(x -> x.console() != null && x.console().latencyMicros().getTotalCount() > 0
                        && !blewUp(x.r()))
                .max((a, b) -> Double.compare(a.r().offered(), b.r().offered()))
                .ifPresent(x -> print(String.format("  high-risk -> console <= 500 ms p99: %s — p99 %.1f ms "
                                + "(p50 %.1f, max %.1f; %d sent, %d queue events) at %.0f/s",
                        LoadBench.p(x.console().latencyMicros(), 99) <= 500 ? "met" : "NOT MET",
                        LoadBench.p(x.console().latencyMicros(), 99), LoadBench.p(x.console().latencyMicros(), 50),
                        x.console().latencyMicros().getMaxValue() / 1000.0, x.console().sent(),
                        x.console().received(), x.r().offered())));
    }

    /** The floor's peak against the baseline and the gateway: what one Redis round trip a message leaves. */
    private void floor(String system, String where, double gwPeak, double barePeak) {
        double floorPeak = peak(system);
        if (floorPeak <= 0 || barePeak <= 0) {
            return;
        }
        print(String.format("  the floor (%s): the bare webhook after one Redis round trip %s, closed-loop peak %.0f/s "
                        + "= %.2fx the baseline (0.5x is %.0f/s: %s)%s", system, where,
                floorPeak, floorPeak / barePeak, barePeak / 2, floorPeak >= barePeak / 2
                        ? "within the floor's reach" : "above the floor: out of reach of any pipeline with a round trip "
                        + "like this one", gwPeak <= 0 ? "" : String.format("; the gateway is %.2fx this floor",
                        gwPeak / floorPeak)));
    }

    /** From CPU time rather than wall time: what the machine could do if the server and Redis had it alone. */
    private void cpuBound(String system) {
        rows.stream().filter(x -> x.system().equals(system) && x.r().mode().equals("closed") && x.note() == null
                        && x.cpu() != null)
                .max((a, b) -> Double.compare(a.r().throughput(), b.r().throughput()))
                .ifPresent(x -> {
                    double perMessage = x.cpu()[0] + (Double.isNaN(x.cpu()[1]) ? 0 : x.cpu()[1]);
                    print(String.format("  %s CPU per message at its closed-loop peak (c=%.0f): server %.0f µs%s, load "
                                    + "generator %.0f µs -> %d cores used by the server%s alone would answer ~%.0f/s",
                            system, x.r().offered(), x.cpu()[0], Double.isNaN(x.cpu()[1]) ? ""
                                    : String.format(" + Redis %.0f µs", x.cpu()[1]), x.cpu()[2],
                            Runtime.getRuntime().availableProcessors(), Double.isNaN(x.cpu()[1]) ? "" : " and Redis",
                            Runtime.getRuntime().availableProcessors() * 1e6 / perMessage));
                });
    }

    private double peak(String system) {
        return rows.stream().filter(x -> x.system().equals(system) && x.r().mode().equals("closed")
                && x.note() == null).mapToDouble(x -> x.r().throughput()).max().orElse(0);
    }

    private void print(String s) {
        System.out.println(s);
        System.out.flush();
        try {
            Files.writeString(o.out().resolve("report.txt"), s + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
