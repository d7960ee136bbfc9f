package org.helpline.gateway.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    CommitScript(UnifiedJedis redis) {
        this.script = new LuaScript(redis, "conversation_commit");
    }

    void run(String id, Map<String, String> session, Map<String, String> storedSession, Map<String, String> contact,
             Map<String, String> storedContact, List<String> transcriptLines, String messageId, int replyLines,
             long retentionSeconds, long replyCacheSeconds, String lockToken, BeginReads.TokenBucket bucket) {
        run(id, session, storedSession, contact, storedContact, transcriptLines, messageId, replyLines,
                retentionSeconds, replyCacheSeconds, lockToken, bucket, null, newVersion());
    }

    /** A session version: random, so that one is never reused (not even by a conversation erased and begun again). */
    static String newVersion() {
        return Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }

    /**
     * The commit, its answer: {@code ok}; {@code merged} (under the lock, another write came in between: the hashes are
     * not exactly what this commit wrote); and, optimistic ({@code lockToken} null, {@code expectedVersion} given),
     * nothing written: {@code busy}, {@code stale} or {@code cached <reply cache>}. {@code expectedVersion}: the
     * session's version as the caller read it ({@code "-"} none; {@code null} not known).
     */
    String run(String id, Map<String, String> session, Map<String, String> storedSession, Map<String, String> contact,
               Map<String, String> storedContact, List<String> transcriptLines, String messageId, int replyLines,
               long retentionSeconds, long replyCacheSeconds, String lockToken, BeginReads.TokenBucket bucket,
               String expectedVersion, String newVersion) {
        List<String> sets = new ArrayList<>();
        List<String> deletions = new ArrayList<>();
        int[] sessionCounts = diff(session, storedSession, SESSION_TOGETHER, sets, deletions);
        List<String> contactSets = new ArrayList<>();
        List<String> contactDeletions = new ArrayList<>();
        int[] contactCounts = diff(contact, storedContact, List.of(), contactSets, contactDeletions);

        List<String> args = new ArrayList<>(12 + sets.size() + deletions.size() + contactSets.size()
                + contactDeletions.size() + transcriptLines.size());
        args.add(Long.toString(retentionSeconds));
        args.add(Long.toString(replyCacheSeconds));
        args.add(messageId == null ? "" : Integer.toString(replyLines));
        args.add(lockToken == null ? "" : lockToken);
        args.add(bucket == null ? "" : bucket.value());
        args.add(bucket == null ? "0" : Long.toString(bucket.ttlMillis()));
        args.add(Integer.toString(sessionCounts[0]));
        args.add(Integer.toString(sessionCounts[1]));
        args.add(Integer.toString(contactCounts[0]));
        args.add(Integer.toString(contactCounts[1]));
        args.add(expectedVersion == null ? "" : expectedVersion);
        args.add(newVersion);
        args.addAll(sets);
        args.addAll(deletions);
        args.addAll(contactSets);
        args.addAll(contactDeletions);
        args.addAll(transcriptLines);
        Object answer = script.run(List.of(ConversationStore.sessionKey(id), ConversationStore.contactKey(id),
                ConversationStore.transcriptKey(id),
                ConversationStore.repliesKey(id, messageId == null ? "-" : messageId),
                ConversationStore.lockKey(id), ConversationStore.bucketKey(id)), args);
        return String.valueOf(answer);
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
