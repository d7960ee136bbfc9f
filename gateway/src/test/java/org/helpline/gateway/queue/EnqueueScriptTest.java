package org.helpline.gateway.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.helpline.gateway.support.TestRedis;
import org.helpline.nlp.RiskTier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** queue_enqueue.lua against a real Redis: idempotent, raises tiers, orders by tier then wait, with aging. */
class EnqueueScriptTest {
    static final long AGING = 20 * 60_000L;
    final UnifiedJedis redis = TestRedis.client();
    final EnqueueScript script = new EnqueueScript(redis);

    @BeforeEach
    void clean() {
        TestRedis.flush();
    }

    private EnqueueScript.Result enqueue(String id, RiskTier tier, long now) {
        long offset = switch (tier) {
            case IMMINENT -> LiveQueue.IMMINENT_OFFSET_MS;
            case HIGH -> AGING;
            default -> 0;
        };
        return script.run(id, tier, now, offset, "sealed", "en", null);
    }

    private List<String> order() {
        return redis.zrange(LiveQueue.waitingKey(), 0, -1);
    }

    @Test
    void secondEscalationRaisesTheTierAndNeverAddsAnEntry() {
        assertEquals(EnqueueScript.Outcome.ADDED, enqueue("a", RiskTier.LOW, 1_000).outcome());
        assertEquals(EnqueueScript.Outcome.UNCHANGED, enqueue("a", RiskTier.LOW, 2_000).outcome());
        assertEquals(EnqueueScript.Outcome.RAISED, enqueue("a", RiskTier.HIGH, 3_000).outcome());
        assertEquals(EnqueueScript.Outcome.UNCHANGED, enqueue("a", RiskTier.LOW, 4_000).outcome());
        assertEquals(1, redis.zcard(LiveQueue.waitingKey()));
        assertEquals("1000", redis.hget(LiveQueue.entryKey("a"), "enqueuedAt"), "a raise keeps the original wait");
        assertEquals("HIGH", redis.hget(LiveQueue.entryKey("a"), "tierName"));
    }

    @Test
    void theLanguageTheYoungPersonWritesInMarksTheEntryWhichStaysInItsQueue() {
        script.run("de", RiskTier.LOW, 1_000, 0, "sealed", "en", "de");
        assertEquals("de", redis.hget(LiveQueue.entryKey("de"), "writes"));
        assertEquals("en", redis.hget(LiveQueue.entryKey("de"), "language"), "served by whoever is on duty");
        assertEquals(1, redis.zcard(LiveQueue.waitingKey("en")));
        script.run("ar", RiskTier.LOW, 1_000, 0, "sealed", "en", null);
        assertEquals(null, redis.hget(LiveQueue.entryKey("ar"), "writes"));
        script.run("ar", RiskTier.HIGH, 2_000, AGING, "sealed", "en", "ar");
        assertEquals("ar", redis.hget(LiveQueue.entryKey("ar"), "writes"), "marked when raised too");
    }

    @Test
    void higherTierFirstThenLongestWait() {
        long t = 1_700_000_000_000L;
        enqueue("low-old", RiskTier.LOW, t);
        enqueue("high-new", RiskTier.HIGH, t + 60_000);
        enqueue("high-old", RiskTier.HIGH, t + 30_000);
        enqueue("imminent", RiskTier.IMMINENT, t + 120_000);
        assertEquals(List.of("imminent", "high-old", "high-new", "low-old"), order());
        assertEquals(1, enqueue("high-old", RiskTier.HIGH, t + 200_000).rank(), "rank is the place in line");
    }

    @Test
    void aLowConversationWaitingLongerThanTheAgingWindowOvertakesNewerHighOnesButNeverImminent() {
        long t = 1_700_000_000_000L;
        enqueue("low", RiskTier.LOW, t);
        enqueue("high-recent", RiskTier.HIGH, t + AGING + 60_000);
        enqueue("imminent-latest", RiskTier.IMMINENT, t + 10 * AGING);
        assertEquals(List.of("imminent-latest", "low", "high-recent"), order());
    }
}
