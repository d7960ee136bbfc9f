package org.helpline.gateway.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.helpline.gateway.console.Users;
import org.helpline.gateway.queue.Counsellors;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.gateway.queue.QueueConfiguration;
import org.helpline.gateway.redis.EmbeddedRedis;
import org.helpline.gateway.support.TestKeys;
import org.helpline.nlp.RiskTier;
import redis.clients.jedis.JedisPooled;

/**
 * Issue 4's performance figures, measured (not a test): {@code scripts/bench queue}.
 * <ol>
 *   <li>the supervisor's overview of 10,000 waiting conversations (counts by tier, the longest wait);</li>
 *   <li>"Help next" latency with 10,000 conversations waiting (kept at 10,000 by re-enqueueing), for a counsellor
 *       eligible for most of them and for one eligible for 1 in 10 (the claim script scans past the others);</li>
 *   <li>escalation → visible on the console: a high-risk message posted to the running service until the
 *       supervisor's Server-Sent-Event stream shows the queue change, with 1,000 conversations active.</li>
 * </ol>
 */
public final class QueueBench {
    private QueueBench() {
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        int claims = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        System.out.printf("machine: %d cores, %s, %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        try (EmbeddedRedis redis = EmbeddedRedis.start(0, Files.createTempDirectory("bench-redis"))) {
            claimLatency(redis, claims);
            escalationToConsole(redis, samples);
        }
        System.exit(0);
    }

    private static void claimLatency(EmbeddedRedis server, int claims) {
        JedisPooled redis = new JedisPooled(server.url());
        redis.flushAll();
        LiveQueue queue = new LiveQueue(redis, new QueueConfiguration(Duration.ofMinutes(20), Duration.ofSeconds(30),
                20000, Duration.ofMinutes(10)), TestKeys.cipher(), JsonMapper.createDefault(), Clock.systemUTC());
        Counsellors counsellors = new Counsellors(redis);
        RiskTier[] tiers = {RiskTier.LOW, RiskTier.LOW, RiskTier.HIGH, RiskTier.IMMINENT};
        int next = 0;
        for (; next < 10_000; next++) {
            queue.enqueue("c" + next, tiers[next % 4], List.of("r"), next % 10 == 0 ? "es" : "en");
        }
        // the supervisor's page and the history sample read every waiting entry (LiveQueue.overview)
        long[] overview = new long[60];
        for (int i = -10; i < overview.length; i++) {       // 10 warm-up reads
            long t = System.nanoTime();
            queue.overview();
            if (i >= 0) {
                overview[i] = System.nanoTime() - t;
            }
        }
        System.out.printf("overview (depth by tier, longest wait), 10,000 waiting: %s%n", summary(overview));
        counsellors.register("most", 1_000_000, List.of("en"));
        counsellors.presence("most", "available");
        counsellors.register("few", 1_000_000, List.of("es"));
        counsellors.presence("few", "available");
        for (String who : List.of("most", "few")) {
            long[] nanos = new long[claims];
            for (int i = -500; i < claims; i++) {          // 500 warm-up claims
                long t = System.nanoTime();
                String id = queue.claim(who).orElseThrow();
                long took = System.nanoTime() - t;
                if (i >= 0) {
                    nanos[i] = took;
                }
                // replace it with one in the same language, so the depth and the language mix stay constant
                queue.enqueue("c" + next, tiers[next % 4], List.of("r"), queue.entry(id).orElseThrow().language());
                next++;
            }
            System.out.printf("claim, 10,000 waiting, counsellor eligible for %s: %s (depth %d)%n",
                    who.equals("most") ? "~90%" : "~10%", summary(nanos), queue.depth());
        }
        redis.close();
    }

    private static void escalationToConsole(EmbeddedRedis redis, int samples) throws Exception {
        new JedisPooled(redis.url()).flushAll();
        String keys = Files.createTempDirectory("bench-keys").resolve("k.properties").toString();
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("redis.url", redis.url(),
                "helpline.simulator.enabled", true, "helpline.privacy.local-key-file", keys,
                "helpline.jwt-secret", "bench-only-jwt-secret-0123456789-abcdefghij",
                "micronaut.server.port", -1))) {
            EmbeddedServer server = ctx.getBean(EmbeddedServer.class).start();
            String base = server.getURL().toString();
            ctx.getBean(Users.class).create("sue", "sue-password-1", List.of("SUPERVISOR"), List.of("en"), 1);
            HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=sue&password=sue-password-1")).build(),
                    HttpResponse.BodyHandlers.discarding());
            for (int i = 0; i < 1000; i++) {                 // 1,000 active conversations
                post(http, base, "+4477009" + String.format("%05d", i), "hi");
            }
            BlockingQueue<Long> seen = new LinkedBlockingQueue<>();
            http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/console/api/events")).GET().build(),
                    HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> r.body().forEach(line -> {
                        if (line.equals("event: queue")) {
                            seen.add(System.nanoTime());
                        }
                    }));
            Thread.sleep(500);
            long[] nanos = new long[samples];
            for (int i = 0; i < samples; i++) {
                seen.clear();
                long t = System.nanoTime();
                post(http, base, "+4477009" + String.format("%05d", i), "i want to kill myself");
                Long at = seen.poll(5, TimeUnit.SECONDS);
                if (at == null) {
                    throw new IllegalStateException("the console never saw escalation " + i);
                }
                nanos[i] = at - t;
            }
            System.out.printf("escalation -> console SSE, 1,000 active conversations: %s%n", summary(nanos));
        }
    }

    private static void post(HttpClient http, String base, String from, String text) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/simulator/api/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"from\":\"" + from + "\",\"text\":\"" + text + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("simulator answered " + r.statusCode());
        }
    }

    private static String summary(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return String.format("n=%d p50 %.3f ms, p99 %.3f ms, max %.3f ms", s.length, s[s.length / 2] / 1e6,
                s[(int) Math.floor(s.length * 0.99)] / 1e6, s[s.length - 1] / 1e6);
    }
}
