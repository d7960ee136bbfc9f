package org.helpline.gateway.conversation;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.helpline.gateway.channel.InboundMessage;
import org.helpline.gateway.privacy.Pseudonymiser;
import org.helpline.gateway.queue.LiveQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a message reads and writes its conversation, and the only way anything does: the lock, the version, the reply
 * cache and this instance's copy ({@link ConversationCache}), kept together so no path can skip one of them.
 *
 * <p>An ordinary message costs two Redis round trips: {@link BeginReads} (cached answer, the lock, the rate bucket,
 * contact, session and the live-queue state in one pipeline), then {@code conversation_commit.lua} (every write, the
 * bucket, and the lock released). When this instance committed the conversation's last message, it first tries one:
 * the engine runs on that copy and the commit is optimistic, written only if nothing else wrote the conversation since.
 */
@Singleton
class CommitProtocol {
    private static final Logger LOG = LoggerFactory.getLogger(CommitProtocol.class);
    private static final long LOCK_LEASE_MS = 10_000;
    private static final long LOCK_WAIT_MS = 8_000;

    /** How a commit ended. */
    sealed interface Committed permits Written, Duplicate, Refused {
    }

    /** Written. */
    record Written() implements Committed {
    }

    /** The message was answered before (an optimistic commit found its retry's answer): these replies again. */
    record Duplicate(List<String> replies) implements Committed {
    }

    /** Optimistic and refused (busy or stale): nothing written, the locked attempt follows. */
    record Refused() implements Committed {
    }

    /** A locked begin: the attempt, or the answer a retry already has. */
    sealed interface Begin permits Locked, Answered {
    }

    record Locked(Attempt attempt) implements Begin {
    }

    record Answered(List<String> replies) implements Begin {
    }

    private final ConversationStore store;
    private final ConversationCache cache;
    private final SenderRateLimit.Settings rate;
    private final Clock clock;
    private final Pseudonymiser pseudonymiser;

    CommitProtocol(ConversationStore store, ConversationCache cache, SenderRateLimit.Settings rate, Clock clock,
                   Pseudonymiser pseudonymiser) {
        this.pseudonymiser = pseudonymiser;
        this.store = store;
        this.cache = cache;
        this.rate = rate;
        this.clock = clock;
    }

    /** A conversation is identified by the keyed hash of the texter's address, never the number. */
    String idOf(InboundMessage m) {
        return pseudonymiser.pseudonym(m.from().raw());
    }

    /** The one-round-trip attempt on this instance's copy, when it has one. */
    Optional<Attempt> optimistic(String id) {
        long now = clock.millis();
        ConversationCache.Snapshot known = cache.get(id, now);
        if (known == null) {
            return Optional.empty();
        }
        BeginReads.TokenBucket b = BeginReads.TokenBucket.take(known.bucket(), rate.burst(), rate.perSecond(), now);
        BeginReads.Ready ready = new BeginReads.Ready(known.contact().toMap(), known.session().toMap(), null, b,
                known.version());
        return Optional.of(new Attempt(id, null, ready, known, clock.instant()));
    }

    /** The first round trip, retried with backoff while another message of the conversation holds the lock. */
    Begin lock(String id, String messageId) {
        String token = UUID.randomUUID().toString();
        long deadline = System.currentTimeMillis() + LOCK_WAIT_MS;
        long pause = 2;
        while (true) {
            BeginReads.Begun b = store.begin(id, messageId, token, LOCK_LEASE_MS, rate.burst(), rate.perSecond(),
                    clock.millis(), LiveQueue.entryKey(id));
            if (b instanceof BeginReads.Ready ready) {
                return new Locked(new Attempt(id, token, ready, null, clock.instant()));
            }
            if (b instanceof BeginReads.Cached cached) {
                if (cached.locked()) {
                    store.release(id, token);      // the pipeline took it before it knew the answer was cached
                }
                LOG.info("conversation {}: repeated message id, answered from cache", Pseudonymiser.forLogs(id));
                return new Answered(store.storedReplies(id, cached.replies()));
            }
            if (System.currentTimeMillis() > deadline) {
                throw new ConversationBusy();
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConversationBusy();
            }
            pause = Math.min(50, pause * 2);
        }
    }

    /**
     * Commits the attempt (releasing its lock). {@code keep}: this instance may keep its copy afterwards (the
     * conversation is out of the live queue and nothing but the commit was done).
     */
    Committed commit(ConversationStore.Commit c, Attempt a, boolean keep) {
        String version = CommitScript.newVersion();
        BeginReads.Ready r = a.ready();
        a.committed();
        CommitScript.Answer answer = store.commit(c, new ConversationStore.Base(r.session(), r.contact(), r.bucket()),
                new CommitScript.Guard(a.lockToken(), r.version(), version));
        if (answer.result() == CommitScript.Result.CACHED) {
            LOG.info("conversation {}: repeated message id, answered from cache", Pseudonymiser.forLogs(c.id()));
            return new Duplicate(store.storedReplies(c.id(), answer.cachedReplies()));
        }
        if (a.optimistic()) {
            cache.judged(answer.result() == CommitScript.Result.STALE, clock.millis());
        }
        if (!answer.result().written()) {
            return new Refused();
        }
        if (keep && answer.result() == CommitScript.Result.OK) {
            cache.put(c.id(), new ConversationCache.Snapshot(c.session(), c.contact(),
                    r.bucket() == null ? null : r.bucket().value(), version));
        } else {
            cache.forget(c.id());
        }
        return new Written();
    }

    /** Lets the lock go on a path that ends without a commit (or after one that failed). */
    void release(Attempt a) {
        if (!a.optimistic() && !a.wasCommitted()) {
            store.release(a.id(), a.lockToken());
        }
    }

    /**
     * Before a conversation leaves this instance's hands (the live queue, erasure): no instance's copy of it may
     * answer for it any more, even should this one stop before its commit.
     */
    void forget(String id, Attempt a) {
        cache.forget(id);
        if (a != null && !a.storedSession().isEmpty()) {
            store.newVersion(id);
        }
    }

    void forget(String id) {
        cache.forget(id);
    }

}
