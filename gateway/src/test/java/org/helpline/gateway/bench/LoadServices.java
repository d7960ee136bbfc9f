package org.helpline.gateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.Jedis;

/**
 * The processes of {@code scripts/bench load}: the gateway and the bare baseline as child JVMs ({@code java -jar}),
 * {@code jcmd} against them, and the Redis counters read with {@code INFO}.
 */
final class LoadServices {
    private LoadServices() {
    }

    /** A child JVM serving HTTP on {@code port}. */
    record Service(String name, Process process, int port) implements AutoCloseable {
        long pid() {
            return process.pid();
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts {@code java [jvmOptions] -jar jar} with {@code env}, output to {@code log}; waits until it answers. */
    static Service start(String name, Path jar, List<String> jvmOptions, Map<String, String> env, int port,
                         Path log, String readyPath) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(jar.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        pb.environment().putAll(env);
        pb.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        Process p = pb.start();
        Service s = new Service(name, p, port);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException(name + " exited (" + p.exitValue() + "); see " + log);
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + readyPath)).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() < 500) {
                    return s;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        s.close();
        throw new IllegalStateException(name + " did not answer within 120 s; see " + log);
    }

    /** {@code jcmd <pid> args...}, its output. */
    static String jcmd(long pid, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        cmd.add(Long.toString(pid));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

    /** Heap in use right after a full GC, in bytes ({@code jcmd GC.run}, then {@code GC.heap_info}). */
    static long heapAfterGc(long pid) {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher m = HEAP_USED.matcher(info);
        if (!m.find()) {
            throw new IllegalStateException("unexpected GC.heap_info output: " + info);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    /** The 1-, 5- and 15-minute load averages, as {@code /proc/loadavg} gives them. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    /** CPU time (user + system) a process has used, in milliseconds ({@code /proc/<pid>/stat}, 10 ms ticks). */
    static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;   // utime, stime (fields 14, 15)
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The redis-server this JVM started (embedded-redis runs it as our child process). */
    static long redisPid() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().orElse("").contains("redis-server"))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
    }

    /** CPU used by the server, Redis and this load generator over a phase, per message answered. */
    record Cpu(long[] pids, long[] start) {
        static Cpu start(long server, long redis) {
            long[] pids = {server, redis, ProcessHandle.current().pid()};
            long[] t = new long[3];
            for (int i = 0; i < 3; i++) {
                t[i] = pids[i] < 0 ? -1 : cpuMillis(pids[i]);
            }
            return new Cpu(pids, t);
        }

        /** Microseconds of CPU per message: server, Redis, load generator (NaN when unknown). */
        double[] perMessage(long messages) {
            double[] out = new double[3];
            for (int i = 0; i < 3; i++) {
                out[i] = start[i] < 0 ? Double.NaN : (cpuMillis(pids[i]) - start[i]) * 1000.0 / Math.max(1, messages);
            }
            return out;
        }
    }

    /**
     * Redis's server-side counters. Round trips are counted as the times Redis wrote replies to a client
     * ({@code total_writes_processed}): one per request, however many commands it pipelines. Socket reads
     * ({@code total_reads_processed}) count more than one for a request that arrives in parts (Jedis sends a request
     * over its 8 KB buffer in two writes, and an idle Redis often reads the first before the second is there: 1.2-1.6
     * reads per call for requests of 9-30 KB, measured), so they are shown beside it, not used for it. A pub/sub
     * message pushed to a subscriber is a write too (the console's live events: a few a second here).
     */
    record RedisCounters(long reads, long writes, long commands, long usedMemory, long keys, long nanos, long forks) {
        static RedisCounters read(Jedis redis) {
            String stats = redis.info("stats");
            long reads = stat(stats, "total_reads_processed");
            long writes = stat(stats, "total_writes_processed");
            long commands = stat(stats, "total_commands_processed");
            long memory = stat(redis.info("memory"), "used_memory");
            // forks: the append-only file's rewrites (a child process competing for the same cores)
            return new RedisCounters(reads, writes, commands, memory, redis.dbSize(), System.nanoTime(),
                    stat(stats, "total_forks"));
        }

        /**
         * What one sample adds to the next sample's figures: 3 reads, 3 writes and 3 commands (INFO stats, INFO memory,
         * DBSIZE; a read is counted before its command runs, a command and its reply's write after). Checked on a PING
         * at start-up.
         */
        static final int OWN = 3;

        static long stat(String info, String name) {
            for (String line : info.split("\r?\n")) {
                if (line.startsWith(name + ":")) {
                    return Long.parseLong(line.substring(name.length() + 1).trim());
                }
            }
            throw new IllegalStateException("INFO has no " + name);
        }
    }

    /**
     * Where Redis's time goes: its main thread's CPU and its children's ({@code INFO cpu}: a rewrite's child), the time
     * spent inside commands ({@code INFO commandstats}, microseconds per command name) and the connections it accepted,
     * so that a phase can say how much of Redis's main thread went to scripts and which commands were the busiest.
     */
    record RedisTime(double mainCpuSeconds, double childCpuSeconds, Map<String, long[]> commands, long connections) {
        static RedisTime read(Jedis redis) {
            String cpu = redis.info("cpu");
            double main = seconds(cpu, "used_cpu_user_main_thread") + seconds(cpu, "used_cpu_sys_main_thread");
            double children = seconds(cpu, "used_cpu_user_children") + seconds(cpu, "used_cpu_sys_children");
            Map<String, long[]> commands = new java.util.TreeMap<>();
            Matcher m = COMMAND.matcher(redis.info("commandstats"));
            while (m.find()) {
                commands.put(m.group(1), new long[]{Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
            }
            long connections = RedisCounters.stat(redis.info("stats"), "total_connections_received");
            return new RedisTime(main, children, commands, connections);
        }

        /**
         * "main thread X µs a message: scripts Y µs (N calls), ...". Redis counts a command a script calls under the
         * command's own name as well as in the script's time, so the scripts' figure includes what they call, and the
         * other commands listed may include calls made from scripts.
         */
        String since(RedisTime before, long messages) {
            double perMessage = 1.0 / Math.max(1, messages);
            double main = (mainCpuSeconds - before.mainCpuSeconds) * 1e6 * perMessage;
            long scriptUsec = 0;
            long scriptCalls = 0;
            List<Map.Entry<String, long[]>> others = new ArrayList<>();
            for (var e : commands.entrySet()) {
                long[] was = before.commands.getOrDefault(e.getKey(), new long[2]);
                long[] d = {e.getValue()[0] - was[0], e.getValue()[1] - was[1]};
                if (d[0] <= 0) {
                    continue;
                }
                if (SCRIPTS.contains(e.getKey())) {
                    scriptUsec += d[1];
                    scriptCalls += d[0];
                } else {
                    others.add(Map.entry(e.getKey(), d));
                }
            }
            others.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]));
            List<String> top = new ArrayList<>();
            for (var e : others.subList(0, Math.min(4, others.size()))) {
                top.add(String.format("%s %.1f", e.getKey(), e.getValue()[1] * perMessage));
            }
            return String.format("Redis's main thread %.0f µs a message: in scripts %.0f µs (%.2f calls, the commands "
                            + "they call included); busiest commands, scripts' calls included: %s; a rewrite's child "
                            + "%.0f µs; %d new connections", main, scriptUsec * perMessage, scriptCalls * perMessage,
                    String.join(", ", top), (childCpuSeconds - before.childCpuSeconds) * 1e6 * perMessage,
                    connections - before.connections);
        }

        /** "calls a message: evalsha 1.03, hget 1.00, ...": every command that ran, the most called first. */
        String calls(RedisTime before, long messages) {
            List<Map.Entry<String, Long>> calls = new ArrayList<>();
            for (var e : commands.entrySet()) {
                long n = e.getValue()[0] - before.commands.getOrDefault(e.getKey(), new long[2])[0];
                if (n > 0) {
                    calls.add(Map.entry(e.getKey(), n));
                }
            }
            calls.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
            List<String> out = new ArrayList<>();
            for (var e : calls) {
                out.add(String.format("%s %.3f", e.getKey(), e.getValue() / (double) Math.max(1, messages)));
            }
            return "Redis commands a message (scripts' calls included): " + String.join(", ", out);
        }

        private static final java.util.Set<String> SCRIPTS = java.util.Set.of("eval", "evalsha", "eval_ro",
                "evalsha_ro", "fcall", "fcall_ro");
        private static final Pattern COMMAND = Pattern.compile("cmdstat_([^:]+):calls=(\\d+),usec=(\\d+)");

        private static double seconds(String info, String name) {
            for (String line : info.split("\r?\n")) {
                if (line.startsWith(name + ":")) {
                    return Double.parseDouble(line.substring(name.length() + 1).trim());
                }
            }
            return 0;
        }
    }

    /** Round trips, reads and commands per inbound message between two samples, less the idle background. */
    record RoundTrips(double perMessage, double readsPerMessage, double commandsPerMessage, long forks) {
        /** {@code idlePerSecond}: round trips, reads and commands a second with the gateway idle. */
        static RoundTrips of(RedisCounters before, RedisCounters after, long messages, double[] idlePerSecond) {
            double seconds = (after.nanos() - before.nanos()) / 1e9;
            double n = Math.max(1, messages);
            double writes = after.writes() - before.writes() - RedisCounters.OWN - idlePerSecond[0] * seconds;
            double reads = after.reads() - before.reads() - RedisCounters.OWN - idlePerSecond[1] * seconds;
            double commands = after.commands() - before.commands() - RedisCounters.OWN - idlePerSecond[2] * seconds;
            return new RoundTrips(writes / n, reads / n, commands / n, after.forks() - before.forks());
        }
    }
}
