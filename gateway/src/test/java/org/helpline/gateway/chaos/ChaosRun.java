package org.helpline.gateway.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fault injection with real processes (not a test): {@code scripts/chaos [leases|campaign|redis|pause|all]}. Each
 * scenario starts its own Redis server and two gateway instances as OS processes, kills one of them with
 * {@code kill -9} (or freezes it with {@code kill -STOP}) at the worst moment, and checks what the survivors and the
 * restarted server hold. Prints figures and checks; exits
 * 1 if any check failed. Children's output goes to {@code gateway/target/chaos/<scenario>/}.
 *
 * <pre>
 *   scripts/chaos leases                          a gateway dies while a counsellor holds conversations
 *   scripts/chaos campaign [recipients] [rate]    a gateway dies mid-campaign (default 20000 at 600/s)
 *   scripts/chaos redis                           Redis dies mid-traffic and restarts from its append-only file
 *   scripts/chaos pause [recipients] [rate]       a gateway is frozen (kill -STOP) mid-campaign past its lease,
 *                                                 then resumed (kill -CONT) (default 8000 at 600/s)
 *   scripts/chaos all                             the four, in that order
 * </pre>
 */
public final class ChaosRun {
    private ChaosRun() {
    }

    /** One scenario's body, run against a fresh cluster. */
    private interface Body {
        void run(Cluster cluster, Report report) throws Exception;
    }

    /** Campaign workers per instance: sends wait for the stand-in's answer (see CampaignScenario.ANSWER_MS). */
    static final int CAMPAIGN_WORKERS = 12;
    /** ... and in the pause scenario, where batches must be full (the default number of workers). */
    static final int PAUSE_WORKERS = 4;

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        String what = args.length > 0 ? args[0] : "all";
        int recipients = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        double rate = args.length > 2 ? Double.parseDouble(args[2]) : 600;
        Path jar = Path.of("gateway/target/gateway-0.1.0-SNAPSHOT.jar");
        Path work = Path.of("gateway/target/chaos");
        if (!Files.exists(jar)) {
            System.err.println("no " + jar + ": build it first (scripts/chaos does)");
            System.exit(2);
        }
        System.out.printf("chaos run %s: %d cores, %s %s, load average %.2f; lease %d s (queue), %d s (campaigns)%n",
                Instant.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Cluster.QUEUE_LEASE.toSeconds(), Cluster.CAMPAIGN_LEASE.toSeconds());
        List<Report> reports = new ArrayList<>();
        long start = System.nanoTime();
        if (what.equals("leases") || what.equals("all")) {
            reports.add(scenario("leases", work, jar, Map.of(), LeaseScenario::run));
        }
        if (what.equals("campaign") || what.equals("all")) {
            reports.add(scenario("campaign", work, jar,
                    Map.of("HELPLINE_CAMPAIGNS_WORKERS", Integer.toString(CAMPAIGN_WORKERS)),
                    (c, r) -> CampaignScenario.run(c, r, recipients, rate, 0.4, false)));
        }
        if (what.equals("redis") || what.equals("all")) {
            reports.add(scenario("redis", work, jar, Map.of(), RedisScenario::run));
        }
        if (what.equals("pause") || what.equals("all")) {
            // fewer workers than the rate needs: every claim takes a full batch, so the frozen instance holds
            // recipients it has not sent yet, not only the one each worker has in flight
            int paused = args.length > 1 ? recipients : 8_000;
            reports.add(scenario("pause", work, jar,
                    Map.of("HELPLINE_CAMPAIGNS_WORKERS", Integer.toString(PAUSE_WORKERS)),
                    (c, r) -> CampaignScenario.run(c, r, paused, rate, 0.4, true)));
        }
        if (reports.isEmpty()) {
            System.err.println("usage: scripts/chaos [leases|campaign [recipients] [rate]|redis|pause [recipients] "
                    + "[rate]|all]");
            System.exit(2);
        }
        System.out.println();
        for (Report r : reports) {
            System.out.printf("%-9s %s%n", r.scenario(), r.passed() ? "PASS" : "FAIL");
        }
        System.out.printf("total %s%n", Report.seconds(System.nanoTime() - start));
        System.exit(reports.stream().allMatch(Report::passed) ? 0 : 1);
    }

    private static Report scenario(String name, Path work, Path jar, Map<String, String> env, Body body) {
        Report report = new Report(name);
        long start = System.nanoTime();
        System.err.printf("[%s] starting Redis and gateways A and B ...%n", name);
        try (Cluster cluster = new Cluster(name, work, jar, env)) {
            report.figure("cluster up in %s (Redis + 2 gateway JVMs)", Report.seconds(System.nanoTime() - start));
            body.run(cluster, report);
        } catch (Exception | Error e) {
            e.printStackTrace();
            report.aborted(e);
        } finally {
            Children.killAll(); // also when the cluster never came up
        }
        report.figure("scenario took %s", Report.seconds(System.nanoTime() - start));
        report.print();
        return report;
    }
}
