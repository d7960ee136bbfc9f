package org.helpline.gateway.queue;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.helpline.gateway.privacy.MessageCipher;
import org.helpline.nlp.RiskTier;
import redis.clients.jedis.UnifiedJedis;

/**
 * The live counsellor queue in Redis: conversations waiting for a person, most urgent first.
 *
 * <p>Keys (all tagged {@code {queue}} so the scripts' keys share one cluster slot):
 * <ul>
 *   <li>{@code queue:{queue}:waiting} ZSET: conversation id → priority score (lower first; see queue_enqueue.lua)</li>
 *   <li>{@code queue:{queue}:entry:<conversation>} HASH: conversation, tier, tierName, enqueuedAt, state
 *       (waiting|claimed|closed), reasons (encrypted: they quote the young person's words)</li>
 * </ul>
 */
@Singleton
public final class LiveQueue {
    /** Offset that keeps IMMINENT ahead of everything (≈ 300 years of waiting). */
    static final long IMMINENT_OFFSET_MS = 10_000_000_000_000L;

    private final EnqueueScript enqueue;
    private final UnifiedJedis redis;
    private final QueueConfiguration config;
    private final MessageCipher cipher;
    private final Clock clock;

    public LiveQueue(UnifiedJedis redis, QueueConfiguration config, MessageCipher cipher, Clock clock) {
        this.redis = redis;
        this.enqueue = new EnqueueScript(redis);
        this.config = config;
        this.cipher = cipher;
        this.clock = clock;
    }

    public static String waitingKey() {
        return "queue:{queue}:waiting";
    }

    public static String entryKey(String conversationId) {
        return "queue:{queue}:entry:" + conversationId;
    }

    /** Enqueues (or raises) a conversation. Idempotent: safe to repeat after a crash or a webhook retry. */
    public EnqueueScript.Result enqueue(String conversationId, RiskTier tier, List<String> reasons) {
        RiskTier queued = tier.atLeast(RiskTier.LOW) ? tier : RiskTier.LOW;
        String sealed = cipher.encrypt(String.join("\n", reasons), conversationId);
        return enqueue.run(conversationId, queued, clock.millis(), offset(queued), sealed);
    }

    /** How many conversations wait. */
    public long depth() {
        return redis.zcard(waitingKey());
    }

    long offset(RiskTier tier) {
        return switch (tier) {
            case IMMINENT -> IMMINENT_OFFSET_MS;
            case HIGH -> config.highAging().toMillis();
            default -> 0L;
        };
    }
}
