package org.helpline.gateway.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.helpline.gateway.redis.LuaScript;
import redis.clients.jedis.UnifiedJedis;

/**
 * Typed wrapper of {@code lua/conversation_commit.lua}: one message's changes, atomically, the sender's token bucket
 * written and the lock released. {@code replyLines}: how many of the last transcript lines are the replies, which the
 * reply cache points at (with {@code messageId} null nothing is cached).
 * {@code stored} is the hash as read under the same lock: only the fields that changed are written, and the fields
 * no longer there deleted. A session's flow and node go together: when either changed both are written, so that a
 * write made without the lock in between (a counsellor closing the case) can never leave one flow's node in another
 * flow. A {@code null} or empty {@code stored} replaces the whole hash. (Written whole, every message put all the
 * session's fields into the append-only file again.)
 * Every commit gives the session a new random version; an optimistic commit (no lock, the version it was made from)
 * is written only if the version is still that one ({@link ConversationCache}).
 */
final class CommitScript {
    /** Session fields written together whenever one of them changed. */
    static final List<String> SESSION_TOGETHER = List.of("flow", "node");
    private final LuaScript script;

    /** What the script did: see the class comment and {@code conversation_commit.lua}. */
    enum Result {
        /** Written. */
        OK,
        /** Written under the lock, but another write came in between: the hashes are not exactly this commit's. */
        MERGED,
        /** Optimistic, not written: another message holds the conversation's lock. */
        BUSY,
        /** Optimistic, not written: the session's version moved on since the copy it was made from. */
        STALE,
        /** Optimistic, not written: this message was answered before; {@link Answer#cachedReplies()} says where. */
        CACHED;

        boolean written() {
            return this == OK || this == MERGED;
        }
    }

    /** The script's answer; {@code cachedReplies} only with {@link Result#CACHED} (see the reply cache). */
    record Answer(Result result, String cachedReplies) {
        static Answer parse(String wire) {
            if (wire.startsWith("cached ")) {
                return new Answer(Result.CACHED, wire.substring("cached ".length()));
            }
            return new Answer(Result.valueOf(wire.toUpperCase(Locale.ROOT)), null);
        }
    }

    /** A hash as the commit leaves it, and as it was read (the base of the diff; {@code null}: written whole). */
    record Hash(Map<String, String> now, Map<String, String> stored) {
    }

    /**
     * How the commit may land: under the lock ({@code lockToken}), optimistic ({@code expectedVersion}, the version
     * the copy was made from; {@code "-"} none), or plainly (neither). {@code newVersion}: the session's version after.
     */
    record Guard(String lockToken, String expectedVersion, String newVersion) {
        static Guard plain() {
            return new Guard(null, null, CommitScript.newVersion());
        }
    }

    /**
     * One commit. {@code messageId} null: nothing is remembered for retries; else the last {@code replyLines} of
     * {@code lines} are the replies the reply cache points at. A {@code null} bucket is left as it is.
     */
    record Request(String id, Hash session, Hash contact, List<String> lines, String messageId, int replyLines,
                   BeginReads.TokenBucket bucket, Guard guard) {
    }

    private final long retentionSeconds;
    private final long replyCacheSeconds;

    CommitScript(UnifiedJedis redis, long retentionSeconds, long replyCacheSeconds) {
        this.script = new LuaScript(redis, "conversation_commit");
        this.retentionSeconds = retentionSeconds;
        this.replyCacheSeconds = replyCacheSeconds;
    }

    /** A session version: random, so that one is never reused (not even by a conversation erased and begun again). */
    static String newVersion() {
        return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }

    Answer run(Request r) {
        List<String> sets = new ArrayList<>();
        List<String> deletions = new ArrayList<>();
        int[] sessionCounts = diff(r.session().now(), r.session().stored(), SESSION_TOGETHER, sets, deletions);
        List<String> contactSets = new ArrayList<>();
        List<String> contactDeletions = new ArrayList<>();
        int[] contactCounts = diff(r.contact().now(), r.contact().stored(), List.of(), contactSets, contactDeletions);
        Guard g = r.guard();
        BeginReads.TokenBucket bucket = r.bucket();

        List<String> args = new ArrayList<>(12 + sets.size() + deletions.size() + contactSets.size()
                + contactDeletions.size() + r.lines().size());
        args.add(Long.toString(retentionSeconds));
        args.add(Long.toString(replyCacheSeconds));
        args.add(r.messageId() == null ? "" : Integer.toString(r.replyLines()));
        args.add(g.lockToken() == null ? "" : g.lockToken());
        args.add(bucket == null ? "" : bucket.value());
        args.add(bucket == null ? "0" : Long.toString(bucket.ttlMillis()));
        args.add(Integer.toString(sessionCounts[0]));
        args.add(Integer.toString(sessionCounts[1]));
        args.add(Integer.toString(contactCounts[0]));
        args.add(Integer.toString(contactCounts[1]));
        args.add(g.expectedVersion() == null ? "" : g.expectedVersion());
        args.add(g.newVersion());
        args.addAll(sets);
        args.addAll(deletions);
        args.addAll(contactSets);
        args.addAll(contactDeletions);
        args.addAll(r.lines());
        String id = r.id();
        Object answer = script.run(List.of(ConversationStore.sessionKey(id), ConversationStore.contactKey(id),
                ConversationStore.transcriptKey(id),
                ConversationStore.repliesKey(id, r.messageId() == null ? "-" : r.messageId()),
                ConversationStore.lockKey(id), ConversationStore.bucketKey(id)), args);
        return Answer.parse(String.valueOf(answer));
    }

    /**
     * The field/value pairs of {@code now} to set (those that differ from {@code stored}, and every field of
     * {@code together} when one of them differs), and the fields of {@code stored} that {@code now} no longer has;
     * returns {pairs, deletions}, deletions -1 when the whole hash is to be replaced ({@code stored} null or empty).
     */
    static int[] diff(Map<String, String> now, Map<String, String> stored, List<String> together,
                      List<String> sets, List<String> deletions) {
        boolean replace = stored == null || stored.isEmpty();
        boolean groupChanged = false;
        if (!replace) {
            for (String field : together) {
                groupChanged |= !Objects.equals(now.get(field), stored.get(field));
            }
        }
        int pairs = 0;
        for (Map.Entry<String, String> e : now.entrySet()) {
            if (replace || !Objects.equals(e.getValue(), stored.get(e.getKey()))
                    || groupChanged && together.contains(e.getKey())) {
                sets.add(e.getKey());
                sets.add(e.getValue());
                pairs++;
            }
        }
        if (replace) {
            return new int[]{pairs, -1};
        }
        for (String field : stored.keySet()) {
            if (!now.containsKey(field)) {
                deletions.add(field);
            }
        }
        return new int[]{pairs, deletions.size()};
    }
}
