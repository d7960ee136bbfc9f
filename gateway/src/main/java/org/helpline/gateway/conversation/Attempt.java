package org.helpline.gateway.conversation;

import java.time.Instant;
import java.util.Map;
import org.helpline.dialogue.IsoInstant;
import org.helpline.gateway.queue.QueueState;

/**
 * One attempt at a message, as {@link CommitProtocol} began it. Locked: {@code lockToken} holds the conversation and
 * {@code ready} is what was read under it. Optimistic: no token, {@code ready} is this instance's copy of the
 * conversation ({@link ConversationCache}); the attempt gives up wherever it would need more than its commit.
 */
final class Attempt {
    private final String id;
    private final String lockToken;
    private final BeginReads.Ready ready;
    private final ConversationCache.Snapshot known;
    private final Instant now;
    /** Set by the commit, which released the lock (so the attempt's end need not). */
    private boolean committed;
    private String at;

    Attempt(String id, String lockToken, BeginReads.Ready ready, ConversationCache.Snapshot known, Instant now) {
        this.id = id;
        this.lockToken = lockToken;
        this.ready = ready;
        this.known = known;
        this.now = now;
    }

    String id() {
        return id;
    }

    String lockToken() {
        return lockToken;
    }

    BeginReads.Ready ready() {
        return ready;
    }

    ConversationCache.Snapshot known() {
        return known;
    }

    Instant now() {
        return now;
    }

    /** {@link #now()} as transcript lines have it (formatted once: formatting an Instant showed in the profile). */
    String at() {
        if (at == null) {
            at = IsoInstant.format(now);
        }
        return at;
    }

    void committed() {
        committed = true;
    }

    boolean wasCommitted() {
        return committed;
    }

    boolean optimistic() {
        return lockToken == null;
    }

    boolean allowed() {
        return ready.allowed();
    }

    /** {@code null}: not in the live queue. */
    QueueState queueState() {
        return ready.queueState();
    }

    Map<String, String> storedSession() {
        return ready.session();
    }

    /** The contact as read (or as this instance last wrote it); {@code null} for a first message. */
    Contact contact() {
        return optimistic() ? known.contact() : Contact.fromMap(ready.contact());
    }
}
