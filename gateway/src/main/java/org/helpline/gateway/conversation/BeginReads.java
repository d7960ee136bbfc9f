package org.helpline.gateway.conversation;

import io.micronaut.core.annotation.Nullable;
import java.util.HashMap;
import java.util.Map;
import org.helpline.gateway.queue.QueueState;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * The first of the two round trips of a message on the locked way ({@link ConversationService}): one pipeline of
 * plain commands, no script — the reply cache ({@code GET}), the conversation's lock ({@code SET NX PX}), the sender's
 * token bucket ({@code GET}), contact and session ({@code HGETALL}) and the live-queue state ({@code HGET}, another
 * hash slot). None of it needs a script's
 * atomicity: once {@code SET NX} has taken the lock nobody else writes this conversation until the commit releases
 * it, and when the lock was not taken (busy) or the reply was cached, the reads are simply not used. The bucket is
 * worked out here and written by {@code conversation_commit.lua}, under the same lock. (As a script, the same reads
 * cost Redis about 20 µs more per message: the script engine's own work, measured in docs/benchmarks-history.md.)
 */
final class BeginReads {
    /** What the first round trip found. */
    sealed interface Begun permits Cached, Busy, Ready {
    }

    /**
     * The message was answered before: {@code replies} is the reply cache's pointer. {@code locked}: the pipeline
     * took the free lock before it knew (the caller releases it).
     */
    record Cached(boolean locked, String replies) implements Begun {
    }

    /** Another message of the conversation holds its lock. */
    record Busy() implements Begun {
    }

    /**
     * The lock is this message's, and the conversation as it is: contact and session hashes (the session without its
     * version, which is {@code version}; {@code "-"} none), the live-queue state ({@code null}: not in the queue), and
     * the sender's token bucket after this message, to be written with the commit.
     */
    record Ready(Map<String, String> contact, Map<String, String> session, @Nullable QueueState queueState,
                 TokenBucket bucket, String version) implements Begun {
        boolean allowed() {
            return bucket.allowed();
        }

        boolean tell() {
            return bucket.tell();
        }
    }

    private final UnifiedJedis redis;

    BeginReads(UnifiedJedis redis) {
        this.redis = redis;
    }

    Begun run(String id, String messageId, String token, long leaseMillis, int burst, double perSecond, long now,
              String queueEntryKey) {
        Response<String> cached;
        Response<String> lock;
        Response<String> bucket;
        Response<Map<String, String>> contact;
        Response<Map<String, String>> session;
        Response<String> queueState;
        try (AbstractPipeline p = redis.pipelined()) {
            cached = p.get(ConversationStore.repliesKey(id, messageId));
            lock = p.set(ConversationStore.lockKey(id), token, SetParams.setParams().nx().px(leaseMillis));
            bucket = p.get(ConversationStore.bucketKey(id));
            contact = p.hgetAll(ConversationStore.contactKey(id));
            session = p.hgetAll(ConversationStore.sessionKey(id));
            queueState = p.hget(queueEntryKey, "state");
            p.sync();
        }
        boolean locked = "OK".equals(lock.get());
        if (cached.get() != null) {
            return new Cached(locked, cached.get());
        }
        if (!locked) {
            return new Busy();
        }
        TokenBucket b = TokenBucket.take(bucket.get(), burst, perSecond, now);
        Map<String, String> stored = new HashMap<>(session.get());
        String version = stored.remove(ConversationStore.VERSION_FIELD);
        return new Ready(contact.get(), stored, QueueState.of(queueState.get()).orElse(null), b,
                version == null ? "-" : version);
    }

    /**
     * The sender's token bucket after one message: stored as {@code "<tokens> <at ms> <told 0/1>"}, expiring once it
     * would be full again. {@code allowed}: a token was taken; {@code tell}: the first refused message of a flood (it
     * gets one polite reply; later ones none).
     */
    record TokenBucket(String value, long ttlMillis, boolean allowed, boolean tell) {
        static TokenBucket take(String stored, int capacity, double perSecond, long now) {
            double tokens = capacity;
            long at = now;
            boolean told = false;
            if (stored != null) {
                String[] f = stored.split(" ");
                try {
                    tokens = Double.parseDouble(f[0]);
                    at = (long) Double.parseDouble(f[1]);
                    told = "1".equals(f[2]);
                } catch (RuntimeException e) {
                    tokens = capacity;      // unreadable: a full bucket (never stricter than the setting)
                    at = now;
                    told = false;
                }
            }
            tokens = Math.min(capacity, tokens + Math.max(0, now - at) * perSecond / 1000);
            boolean allowed = false;
            boolean tell = false;
            if (tokens >= 1) {
                tokens -= 1;
                allowed = true;
                told = false;
            } else if (!told) {
                tell = true;
                told = true;
            }
            long ttl = (long) Math.ceil(capacity / perSecond * 1000) + 60_000;
            return new TokenBucket(tokens + " " + now + " " + (told ? "1" : "0"), ttl, allowed, tell);
        }
    }
}
