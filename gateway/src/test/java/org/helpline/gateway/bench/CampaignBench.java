package org.helpline.gateway.bench;

import io.micronaut.context.ApplicationContext;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.helpline.gateway.campaign.Campaign;
import org.helpline.gateway.campaign.CampaignService;
import org.helpline.gateway.campaign.Subscribers;
import org.helpline.gateway.channel.Address;
import org.helpline.gateway.channel.Channel;
import org.helpline.gateway.redis.EmbeddedRedis;
import org.helpline.gateway.support.TwilioStandIn;

/**
 * Issue 5's performance figures, measured (not a test): {@code scripts/bench campaign [contacts] [workers] [rate]}.
 * The gateway (one instance, the JVM started with -Xmx256m by the script) sends through the real Twilio SDK to a
 * local stand-in (in this JVM, counting requests only) on an embedded Redis:
 * <ol>
 *   <li>the list filled with {@code contacts} subscribers (pipelined), then audience selection (preview) and the
 *       campaign's start (its audience copied into the pending set) timed;</li>
 *   <li>the whole campaign sent as fast as the rate allows (rate set far above the machine), reporting sends/s and
 *       the peak heap in use;</li>
 *   <li>a second campaign at a configured rate, measured over a 30-second window after a 5-second warm-up.</li>
 * </ol>
 */
public final class CampaignBench {
    private CampaignBench() {
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        int contacts = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        double rate = args.length > 2 ? Double.parseDouble(args[2]) : 500;
        System.out.printf("machine: %d cores, %s %s, max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        HeapWatch heap = new HeapWatch();
        heap.start();
        try (EmbeddedRedis redis = EmbeddedRedis.start(0, Files.createTempDirectory("bench-campaign-redis"));
             TwilioStandIn twilio = new TwilioStandIn()) {
            twilio.countOnly();
            Map<String, Object> p = new HashMap<>();
            p.put("redis.url", redis.url());
            p.put("helpline.privacy.local-key-file",
                    Files.createTempDirectory("bench-keys").resolve("k.properties").toString());
            p.put("micronaut.server.port", -1);
            p.put("twilio.account-sid", "AC00000000000000000000000000000000");
            p.put("twilio.auth-token", "bench-token");
            p.put("twilio.from", "+447700900999");
            p.put("twilio.api-base-url", twilio.baseUrl());
            p.put("helpline.public-url", "https://helpline.example.org");
            p.put("helpline.campaigns.workers", workers);
            p.put("helpline.jwt-secret", "bench-only-secret-0123456789abcdef0123456789");
            p.put("helpline.campaigns.max-rate", 1_000_000);
            try (ApplicationContext gw = ApplicationContext.run(p)) {
                Subscribers list = gw.getBean(Subscribers.class);
                CampaignService campaigns = gw.getBean(CampaignService.class);
                fill(list, contacts);
                var everyone = new Campaign.Audience(List.of(), List.of(), List.of("SMS"));
                var req = new CampaignService.Request("bench", Map.of("en", "Exams soon? Breathe, sleep, and talk "
                        + "to us any time.", "es", "¿Exámenes pronto? Respira, duerme y háblanos."), "en", everyone,
                        null, "00:00", "00:00", 1_000_000.0, null, null);
                long t0 = System.nanoTime();
                CampaignService.Preview preview = campaigns.preview(req);
                System.out.printf("audience selection (preview, %,d contacts, by language and channel): %.2f s%n",
                        preview.audience(), (System.nanoTime() - t0) / 1e9);
                t0 = System.nanoTime();
                String id = campaigns.create(req, "bench").id();
                while (!"running".equals(campaigns.status(id).orElseThrow().state())) {
                    Thread.sleep(20);
                }
                System.out.printf("campaign start (audience copied to the pending set, by the runner's tick): "
                        + "%.2f s%n", (System.nanoTime() - t0) / 1e9);
                heap.reset();
                long sendStart = System.nanoTime();
                long postsAtStart = twilio.posts();
                long lastPrint = 0;
                while (true) {
                    var s = campaigns.status(id).orElseThrow();
                    if (s.state().equals("completed")) {
                        break;
                    }
                    long now = System.nanoTime();
                    if (now - lastPrint > 10e9) {
                        System.out.printf("  ... %,d / %,d sent, %.0f/s, heap peak %d MB%n",
                                s.counts().getOrDefault("done", 0L), s.counts().getOrDefault("audience", 0L),
                                (twilio.posts() - postsAtStart) / ((now - sendStart) / 1e9), heap.peak() >> 20);
                        lastPrint = now;
                    }
                    Thread.sleep(200);
                }
                double seconds = (System.nanoTime() - sendStart) / 1e9;
                var done = campaigns.status(id).orElseThrow().counts();
                System.out.printf("sent %,d (accepted %,d) in %.1f s: %.0f sends/s with %d workers; heap peak in use"
                                + " %d MB, after GC %d MB (max heap %d MB)%n", twilio.posts() - postsAtStart,
                        done.getOrDefault("accepted", 0L), seconds, (twilio.posts() - postsAtStart) / seconds,
                        workers, heap.peak() >> 20, heap.afterGc() >> 20, Runtime.getRuntime().maxMemory() >> 20);

                // rate held: a campaign to the first 100,000 (tag "rate") at a configured rate
                var tagged = new Campaign.Audience(List.of("rate"), List.of(), List.of("SMS"));
                var limited = new CampaignService.Request("rate", Map.of("en", "Hi"), "en", tagged, null, "00:00",
                        "00:00", rate, null, null);
                String rid = campaigns.create(limited, "bench").id();
                while (!"running".equals(campaigns.status(rid).orElseThrow().state())) {
                    Thread.sleep(20);
                }
                Thread.sleep(5000);
                long a = twilio.posts();
                long ta = System.nanoTime();
                Thread.sleep(30_000);
                long b = twilio.posts();
                double achieved = (b - a) / ((System.nanoTime() - ta) / 1e9);
                System.out.printf("rate: configured %.0f/s, achieved %.1f/s over 30 s (%+.2f%%)%n", rate, achieved,
                        100 * (achieved - rate) / rate);
                campaigns.cancel(rid);
            }
        }
        System.exit(0);
    }

    private static void fill(Subscribers list, int contacts) {
        long t0 = System.nanoTime();
        List<Subscribers.Join> batch = new ArrayList<>();
        for (int i = 0; i < contacts; i++) {
            List<String> tags = i < 100_000 ? List.of("rate", "school-" + (i % 50)) : List.of("school-" + (i % 50));
            batch.add(new Subscribers.Join(Address.of(Channel.SMS, String.format("+4479%08d", i)),
                    i % 4 == 0 ? "es" : "en", tags, "Europe/London", "import:bench", "2026-01-01T00:00:00Z", "bench"));
            if (batch.size() == 10_000) {
                list.subscribeAll(batch);
                batch.clear();
            }
        }
        list.subscribeAll(batch);
        System.out.printf("list filled: %,d contacts in %.1f s%n", contacts, (System.nanoTime() - t0) / 1e9);
    }

    /** Samples heap in use; reports the peak and the old generation's occupancy after the last collection. */
    static final class HeapWatch extends Thread {
        private final AtomicLong peak = new AtomicLong();
        private final AtomicLong afterGc = new AtomicLong();

        HeapWatch() {
            setDaemon(true);
        }

        void reset() {
            peak.set(0);
            afterGc.set(0);
        }

        long peak() {
            return peak.get();
        }

        long afterGc() {
            return afterGc.get();
        }

        @Override
        public void run() {
            while (true) {
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                peak.accumulateAndGet(used, Math::max);
                long collected = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                        collected += pool.getCollectionUsage().getUsed();
                    }
                }
                afterGc.accumulateAndGet(collected, Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
