package org.helpline.gateway.bench;

import java.nio.file.Path;
import java.util.Arrays;

/** The options of {@code scripts/bench load}, with the defaults that keep a run within about five minutes. */
record LoadOptions(double[] rates, int openSeconds, int[] concurrency, int closedSeconds, int senders,
                   double highRiskShare, int soakSeconds, double soakRate, int soakInterval, boolean baseline,
                   boolean profile, Path out, Path gatewayJar, Path baselineJar, String gatewayHeap,
                   int maxConnections, long timeoutMillis, double p99LimitMillis, int idleSeconds, int commonSeconds, boolean gateway,
                   java.util.Map<String, String> redisConfig, int warmMessages, boolean floor) {

    static LoadOptions parse(String[] args) {
        double[] rates = {500, 1000, 2000, 3000, 5000};
        int openSeconds = 12;
        int[] concurrency = {1, 4, 16, 64};
        int closedSeconds = 8;
        int senders = 20_000;
        double highRisk = 0.03;
        int soak = 0;
        double soakRate = 500;
        int soakInterval = 30;
        boolean baseline = true;
        boolean profile = true;
        boolean gateway = true;
        boolean floor = true;
        Path out = Path.of("target/load");
        Path gatewayJar = Path.of("gateway/target/gateway-0.1.0-SNAPSHOT.jar");
        Path baselineJar = Path.of("scripts/bare-baseline/target/bare-baseline-0.1.0-SNAPSHOT.jar");
        String heap = "1g";
        int maxConnections = 512;
        long timeout = 10_000;
        double p99Limit = 1000;
        int warmMessages = 60_000;
        java.util.Map<String, String> redisConfig = new java.util.LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--rates" -> rates = Arrays.stream(v.split(",")).mapToDouble(Double::parseDouble).toArray();
                case "--open-seconds" -> openSeconds = Integer.parseInt(v);
                case "--concurrency" -> concurrency = Arrays.stream(v.split(",")).mapToInt(Integer::parseInt)
                        .toArray();
                case "--closed-seconds" -> closedSeconds = Integer.parseInt(v);
                case "--senders" -> senders = Integer.parseInt(v);
                case "--high-risk" -> highRisk = Double.parseDouble(v);
                case "--soak" -> {
                    if (v != null && !v.startsWith("--")) {
                        soak = seconds(v);
                    } else {
                        soak = 300;                          // a try-out: five minutes
                        i--;
                    }
                }
                case "--soak-rate" -> soakRate = Double.parseDouble(v);
                case "--soak-interval" -> soakInterval = seconds(v);
                case "--no-baseline" -> {
                    baseline = false;
                    i--;
                }
                case "--no-floor" -> {
                    floor = false;
                    i--;
                }
                case "--no-gateway" -> {
                    gateway = false;
                    i--;
                }
                case "--no-profile" -> {
                    profile = false;
                    i--;
                }
                case "--out" -> out = Path.of(v);
                case "--gateway-jar" -> gatewayJar = Path.of(v);
                case "--baseline-jar" -> baselineJar = Path.of(v);
                case "--heap" -> heap = v;
                case "--max-connections" -> maxConnections = Integer.parseInt(v);
                case "--timeout-ms" -> timeout = Long.parseLong(v);
                case "--p99-limit-ms" -> p99Limit = Double.parseDouble(v);
                case "--warm-messages" -> warmMessages = Integer.parseInt(v);
                case "--redis-config" -> {
                    // a diagnostic: CONFIG SET on the embedded Redis, e.g. auto-aof-rewrite-percentage=0
                    for (String pair : v.split(",")) {
                        String[] kv = pair.split("=", 2);
                        redisConfig.put(kv[0], kv[1]);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + a + " (see LoadBench's Javadoc)");
            }
            i++;
        }
        return new LoadOptions(rates, openSeconds, concurrency, closedSeconds, senders, highRisk, soak, soakRate,
                soakInterval, baseline, profile, out, gatewayJar, baselineJar, heap, maxConnections, timeout,
                p99Limit, 5, 10, gateway, redisConfig, warmMessages, floor && baseline);
    }

    /** {@code 90}, {@code 90s}, {@code 30m}, {@code 1h}. */
    static int seconds(String v) {
        char unit = v.charAt(v.length() - 1);
        return switch (unit) {
            case 's' -> Integer.parseInt(v.substring(0, v.length() - 1));
            case 'm' -> Integer.parseInt(v.substring(0, v.length() - 1)) * 60;
            case 'h' -> Integer.parseInt(v.substring(0, v.length() - 1)) * 3600;
            default -> Integer.parseInt(v);
        };
    }
}
