package org.helpline.gateway.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.helpline.gateway.support.TestRedis;
import org.helpline.nlp.RiskTier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** queue_discard.lua against a real Redis: nothing of the conversation is left in the queue, whatever its state. */
class DiscardScriptTest {
    final UnifiedJedis redis = TestRedis.client();
    final DiscardScript discard = new DiscardScript(redis);
    final EnqueueScript enqueue = new EnqueueScript(redis);
    final ClaimScript claim = new ClaimScript(redis);

    @BeforeEach
    void clean() {
        TestRedis.flush();
    }

    @Test
    void aWaitingEntryGoesFromEverySetAndItsErasureRequestWithIt() {
        enqueue.run("a", RiskTier.IMMINENT, 1_000, LiveQueue.IMMINENT_OFFSET_MS, "sealed", "en", null);
        redis.hset(LiveQueue.erasuresKey(), "a", "2000");
        assertEquals(DiscardScript.Outcome.WAITING, discard.run("a"));
        assertEquals(0, redis.zcard(LiveQueue.waitingKey()));
        assertEquals(0, redis.zcard(LiveQueue.waitingKey("en")));
        assertFalse(redis.exists(LiveQueue.entryKey("a")));
        assertFalse(redis.hexists(LiveQueue.erasuresKey(), "a"));
        assertEquals(DiscardScript.Outcome.ABSENT, discard.run("a"), "a second run finds nothing");
    }

    @Test
    void aHeldEntryLeavesItsCounsellorsSetAndTheLeases() {
        new Counsellors(redis).register("ana", 3, java.util.List.of("en"));
        new Counsellors(redis).presence("ana", "available");
        enqueue.run("b", RiskTier.HIGH, 1_000, 0, "sealed", "en", null);
        assertEquals("b", claim.run("ana", 2_000, 30_000, 50).orElseThrow());
        assertTrue(redis.sismember(LiveQueue.heldKey("ana"), "b"));
        assertEquals(DiscardScript.Outcome.CLAIMED, discard.run("b"));
        assertFalse(redis.sismember(LiveQueue.heldKey("ana"), "b"));
        assertEquals(0, redis.zcard(LiveQueue.leasesKey()));
        assertFalse(redis.exists(LiveQueue.entryKey("b")));
    }
}
