package org.helpline.gateway.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.helpline.gateway.support.TestRedis;
import org.helpline.nlp.RiskTier;
import org.junit.jupiter.api.Test;

/**
 * Two gateway application contexts on one Redis, 1,000 escalations, 50 counsellors pressing "Help next" at once:
 * every conversation is claimed exactly once and none is lost.
 */
class ConcurrentClaimTest {
    @Test
    void everyEscalationIsClaimedExactlyOnceAcrossInstances() throws Exception {
        TestRedis.flush();
        String keys = Files.createTempDirectory("claim-keys").resolve("k.properties").toString();
        Map<String, Object> props = Map.of("redis.url", TestRedis.url(), "helpline.privacy.local-key-file", keys,
                "micronaut.server.port", -1);
        try (ApplicationContext one = ApplicationContext.run(props);
             ApplicationContext two = ApplicationContext.run(props)) {
            List<LiveQueue> instances = List.of(one.getBean(LiveQueue.class), two.getBean(LiveQueue.class));
            Counsellors counsellors = one.getBean(Counsellors.class);
            RiskTier[] tiers = {RiskTier.LOW, RiskTier.HIGH, RiskTier.IMMINENT};
            for (int i = 0; i < 1000; i++) {
                instances.get(i % 2).enqueue(String.format("conv-%04d", i), tiers[i % 3], List.of("r"), "en");
            }
            assertEquals(1000, instances.get(0).depth());
            for (int c = 0; c < 50; c++) {
                counsellors.register("c" + c, 1000, List.of("en"));
                counsellors.presence("c" + c, "available");
            }
            Map<String, String> claimedBy = new ConcurrentHashMap<>();
            List<String> doubles = java.util.Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(50);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < 50; c++) {
                String name = "c" + c;
                LiveQueue q = instances.get(c % 2);
                futures.add(pool.submit(() -> {
                    start.await();
                    while (true) {
                        var id = q.claim(name);
                        if (id.isEmpty()) {
                            return null;
                        }
                        if (claimedBy.putIfAbsent(id.get(), name) != null) {
                            doubles.add(id.get());
                        }
                    }
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertTrue(doubles.isEmpty(), "claimed twice: " + doubles);
            assertEquals(1000, claimedBy.size(), "every escalation claimed");
            assertEquals(0, instances.get(1).depth());
            long distinctClaimers = claimedBy.values().stream().distinct().count();
            assertTrue(distinctClaimers > 10, "the work was spread across claimers: " + distinctClaimers);
        }
    }
}
