package org.helpline.gateway.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.helpline.dialogue.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversations this instance committed last, as it wrote them, each with the session's version
 * ({@code conversation_commit.lua} gives the session a new random version on every commit). With a copy here, the next
 * ordinary message of the conversation needs one round trip instead of two: the engine runs on the copy and the commit
 * goes through only if the version in Redis is still the copy's (no other instance, counsellor's close or erasure wrote
 * in between), no other message holds the lock and the message was not answered before; otherwise the message takes
 * the locked path, which reads everything again.
 *
 * <p>Only a conversation out of the live queue is kept, after a commit that matched what it had read: a queued or held
 * conversation, a flood, an erasure always take the locked path. Memory only; bounded ({@code size}: Caffeine lets
 * the least used go first) and forgotten after {@code idle} without a message here. Nothing in it is new: the session
 * and contact as written to Redis (the address in it encrypted, no message text), the token bucket, the version. A
 * conversation erased through another instance is never answered from its copy here (its version went with it); the
 * copy goes at the conversation's next message or after {@code idle}.
 */
@Singleton
public class ConversationCache {
    /**
     * One conversation as this instance last committed it: session and contact (their maps, as written, are what the
     * next commit compares with), the sender's token bucket as written, and the session's version.
     */
    record Snapshot(Session session, Contact contact, String bucket, String version) {
    }

    /** Settings ({@code helpline.conversation-cache.*}); {@code size} 0 turns the cache off. */
    @ConfigurationProperties("helpline.conversation-cache")
    public record Settings(@Bindable(defaultValue = "50000") int size,
                           @Bindable(defaultValue = "30m") Duration idle) {
    }

    /** Optimistic commits judged together: when more than half of them were refused, the path rests. */
    static final int JUDGED = 1_000;
    static final long REST_MILLIS = 60_000;
    private static final Logger LOG = LoggerFactory.getLogger(ConversationCache.class);
    private final Cache<String, Snapshot> cache;
    private final boolean enabled;
    private final AtomicLong tried = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile long restingUntil;

    public ConversationCache(Settings settings) {
        this.enabled = settings.size() > 0;
        // every message that keeps a copy writes it again, so "after write" is "after the conversation's last message
        // here" without reordering the cache on every read. Caffeine's upkeep (applying buffered writes, evicting)
        // runs on the writing thread: by default every write hands it to the common ForkJoinPool, and waking a pool
        // thread for a few microseconds of work showed in the gateway's profile (docs/benchmarks-history.md)
        this.cache = Caffeine.newBuilder().maximumSize(Math.max(0, settings.size()))
                .expireAfterWrite(settings.idle()).executor(Runnable::run).build();
    }

    /**
     * The conversation's copy, or {@code null} when there is none or the path is resting: a refused optimistic commit
     * costs a round trip on top of the locked way's two, so when most copies turn out stale (an instance behind a
     * load balancer that spreads one texter's messages over several instances) the copies are not tried for
     * {@link #REST_MILLIS}, then tried again. They are still kept meanwhile.
     */
    Snapshot get(String id, long nowMillis) {
        return enabled && nowMillis >= restingUntil ? cache.getIfPresent(id) : null;
    }

    /** The copy kept for the conversation, whether or not the path is resting (what tests look at). */
    Snapshot kept(String id) {
        return enabled ? cache.getIfPresent(id) : null;
    }

    /** What an optimistic commit came to: {@code stale} when another write had come in between. */
    void judged(boolean stale, long nowMillis) {
        if (stale) {
            refused.incrementAndGet();
        }
        if (tried.incrementAndGet() >= JUDGED) {
            long r = refused.getAndSet(0);
            tried.set(0);
            if (r * 2 > JUDGED) {
                restingUntil = nowMillis + REST_MILLIS;
                LOG.info("{} of the last {} conversation copies were stale (one texter's messages spread over "
                        + "instances?): the one-round-trip path rests for {} s", r, JUDGED, REST_MILLIS / 1000);
            }
        }
    }

    boolean resting(long nowMillis) {
        return nowMillis < restingUntil;
    }

    void put(String id, Snapshot s) {
        if (enabled) {
            cache.put(id, s);
        }
    }

    void forget(String id) {
        cache.invalidate(id);
    }

    /** How many conversations are kept now (approximate, for the bench and tests). */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
