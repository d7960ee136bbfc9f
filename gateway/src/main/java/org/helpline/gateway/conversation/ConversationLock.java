package org.helpline.gateway.conversation;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.helpline.gateway.redis.LuaScript;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * One message at a time per conversation, across every gateway instance: {@code SET NX PX} with a token, released by
 * {@code lua/release_lock.lua} only while still ours. The lease outlives any normal message handling; if an instance
 * dies holding it, it expires by itself.
 */
public final class ConversationLock {
    /** The lock could not be taken in time (another message of the same conversation is very slow). */
    public static final class Busy extends RuntimeException {
        public Busy() {
            super("conversation is busy");
        }
    }

    private static final long LEASE_MS = 10_000;
    private static final long WAIT_MS = 8_000;
    private final UnifiedJedis redis;
    private final LuaScript release;

    public ConversationLock(UnifiedJedis redis) {
        this.redis = redis;
        this.release = new LuaScript(redis, "release_lock");
    }

    public <T> T with(String conversationId, Supplier<T> work) {
        String key = ConversationStore.lockKey(conversationId);
        String token = UUID.randomUUID().toString();
        long deadline = System.currentTimeMillis() + WAIT_MS;
        long pause = 2;
        while (redis.set(key, token, SetParams.setParams().nx().px(LEASE_MS)) == null) {
            if (System.currentTimeMillis() > deadline) {
                throw new Busy();
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Busy();
            }
            pause = Math.min(50, pause * 2);
        }
        try {
            return work.get();
        } finally {
            release.run(List.of(key), List.of(token));
        }
    }
}
