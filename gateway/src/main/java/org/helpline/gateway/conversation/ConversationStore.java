package org.helpline.gateway.conversation;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helpline.dialogue.Session;
import org.helpline.gateway.privacy.MessageCipher;
import org.helpline.gateway.privacy.PrivacyConfiguration;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.args.ExpiryOption;
import redis.clients.jedis.params.ScanParams;

/**
 * Conversations in Redis. A conversation is identified by the keyed hash of the texter's address (never the number).
 *
 * <p>Keys, all tagged with the conversation id so one conversation's keys share a cluster slot and can be written in
 * one transaction:
 * <ul>
 *   <li>{@code conv:{<id>}:session} HASH: the engine's session ({@code Session.toMap()}) and {@code v}, its version,
 *       random and new at every commit ({@link ConversationCache})</li>
 *   <li>{@code conv:{<id>}:contact} HASH: {@link Contact} (raw address only encrypted)</li>
 *   <li>{@code conv:{<id>}:transcript} LIST of JSON {@link TranscriptEntry}, text encrypted</li>
 *   <li>{@code conv:{<id>}:replies:<MessageSid>} STRING: where the replies to that message are in the transcript,
 *       {@code "<first index> <count>"} (see {@link #storedReplies}), 7 days: a retried webhook gets the same answer
 *       and does not advance the conversation</li>
 *   <li>{@code conv:{<id>}:lock} STRING: {@link ConversationBusy} (one message at a time)</li>
 *   <li>{@code conv:{<id>}:bucket} STRING: the sender's token bucket ({@link SenderRateLimit})</li>
 * </ul>
 * Session, contact and transcript expire after the retention period (default 90 days) from the last message, renewed
 * at most once a day ({@code conversation_commit.lua}): up to a day sooner, never later.
 */
@Singleton
public class ConversationStore {
    static final long REPLY_CACHE_SECONDS = 7 * 24 * 3600;
    /** The session hash's version field, set by every commit ({@code conversation_commit.lua}). */
    static final String VERSION_FIELD = "v";
    private final UnifiedJedis redis;
    private final JsonMapper json;
    private final MessageCipher cipher;
    private final long retentionSeconds;
    private final CommitScript commit;
    private final BeginReads begin;
    private final ReleaseLockScript release;

    public ConversationStore(UnifiedJedis redis, JsonMapper json, MessageCipher cipher, PrivacyConfiguration privacy) {
        this.redis = redis;
        this.json = json;
        this.cipher = cipher;
        this.retentionSeconds = privacy.retention().toSeconds();
        this.commit = new CommitScript(redis, retentionSeconds, REPLY_CACHE_SECONDS);
        this.begin = new BeginReads(redis);
        this.release = new ReleaseLockScript(redis);
    }

    static String prefix(String id) {
        return "conv:{" + id + "}:";
    }

    public static String sessionKey(String id) {
        return prefix(id) + "session";
    }

    public static String contactKey(String id) {
        return prefix(id) + "contact";
    }

    public static String transcriptKey(String id) {
        return prefix(id) + "transcript";
    }

    static String repliesKey(String id, String messageId) {
        return prefix(id) + "replies:" + messageId;
    }

    /** The sender's token bucket (a string, see {@link BeginReads.TokenBucket}). */
    static String bucketKey(String id) {
        return prefix(id) + "bucket";
    }

    static String lockKey(String id) {
        return prefix(id) + "lock";
    }

    /** The stored session; empty for a new conversation. A record that cannot be read is reported, not guessed. */
    public Optional<Session> session(String id) {
        Map<String, String> m = redis.hgetAll(sessionKey(id));
        return m.isEmpty() ? Optional.empty() : Optional.of(Session.fromMap(m));
    }

    /** The contact texted STOP in this conversation (and not START since): one field read. */
    public boolean optedOut(String id) {
        return "true".equals(redis.hget(contactKey(id), "optedOut"));
    }

    public Optional<Contact> contact(String id) {
        return Optional.ofNullable(Contact.fromMap(redis.hgetAll(contactKey(id))));
    }

    /**
     * A retry's answer: the replies the reply cache points at, read back from the transcript and decrypted (the cache
     * keeps {@code "<first index> <count>"}, not the texts: they are the last lines the commit appended). A cache
     * written before that form, JSON {@link StoredReplies}, is still read. Lines that are gone (the transcript
     * expired first under a retention shorter than the cache) are answered with what is left, never run again.
     */
    List<String> storedReplies(String id, String cached) {
        if (cached.startsWith("{")) {
            return read(cached, StoredReplies.class).replies();
        }
        String[] where = cached.split(" ");
        long first = Long.parseLong(where[0]);
        int count = Integer.parseInt(where[1]);
        if (count == 0) {
            return List.of();
        }
        List<String> replies = new ArrayList<>(count);
        for (String raw : redis.lrange(transcriptKey(id), first, first + count - 1)) {
            TranscriptEntry e = read(raw, TranscriptEntry.class);
            if ("bot".equals(e.direction())) {
                replies.add(read(cipher.decrypt(e.sealed(), id), TranscriptText.class).text());
            }
        }
        return replies;
    }


    /**
     * Everything one message changed, written in one atomic script ({@code conversation_commit.lua}). With a
     * {@code messageId}, the last {@code replies.size()} entries are the replies as bot lines: the reply cache points
     * at them.
     */
    public record Commit(String id, Session session, Contact contact, List<TranscriptEntry> entries,
                         String messageId, List<String> replies) {
        public Commit {
            if (messageId != null && entries.size() < replies.size()) {
                throw new IllegalArgumentException("the replies must be the commit's last transcript lines");
            }
        }
    }

    /**
     * What a commit's diff is made against: the session and contact hashes as read under the same lock, or as this
     * instance last wrote them ({@code null}: written whole), and the sender's token bucket to write ({@code null}:
     * left as it is).
     */
    record Base(Map<String, String> session, Map<String, String> contact, BeginReads.TokenBucket bucket) {
        static final Base NONE = new Base(null, null, null);
    }

    /** Commits plainly, replacing session and contact as wholes (tests that set a conversation up). */
    void commit(Commit c) {
        commit(c, Base.NONE, CommitScript.Guard.plain());
    }

    /**
     * Commits and, in the same script, writes the sender's token bucket and releases the conversation's lock if the
     * guard's token still holds it; an optimistic guard (no token, an expected version) writes only if the session's
     * version is still that one. Session and contact are written as what changed since {@code base}.
     */
    CommitScript.Answer commit(Commit c, Base base, CommitScript.Guard guard) {
        List<String> lines = new ArrayList<>(c.entries().size());
        for (TranscriptEntry e : c.entries()) {
            lines.add(TranscriptJson.entry(e));
        }
        return commit.run(new CommitScript.Request(c.id(), new CommitScript.Hash(c.session().toMap(), base.session()),
                new CommitScript.Hash(c.contact().toMap(), base.contact()), lines, c.messageId(), c.replies().size(),
                base.bucket(), guard));
    }

    /**
     * Gives the session a new version, so that no instance's copy of it ({@link ConversationCache}) is used again:
     * before a conversation is put in the live queue, in case this instance stops before its commit. One round trip
     * ({@code HSET} and, should the hash have just expired, an expiry for the one it made).
     */
    void newVersion(String id) {
        try (var p = redis.pipelined()) {
            p.hset(sessionKey(id), VERSION_FIELD, CommitScript.newVersion());
            p.expire(sessionKey(id), retentionSeconds, ExpiryOption.NX);
            p.sync();
        }
    }

    /** The first round trip of a message: cached answer, or the lock plus contact, session, rate and queue state. */
    BeginReads.Begun begin(String id, String messageId, String token, long leaseMillis, int burst, double perSecond,
                           long now, String queueEntryKey) {
        return begin.run(id, messageId, token, leaseMillis, burst, perSecond, now, queueEntryKey);
    }

    /** Releases the conversation's lock if {@code token} still holds it (paths that do not end in a commit). */
    void release(String id, String token) {
        release.run(id, token);
    }

    /**
     * Erases everything kept under this conversation's keys: session, contact (with the encrypted address),
     * transcript, reply cache, rate bucket, and the simulator outbox. Closed-case statistics (disposition, no
     * transcript) are not under these keys and stay.
     */
    public long erase(String id) {
        long deleted = 0;
        for (String pattern : List.of(prefix(id) + "*", "sim:{" + id + "}:*")) {
            ScanParams params = new ScanParams()
                    .match(pattern).count(200);
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                var page = redis.scan(cursor, params);
                if (!page.getResult().isEmpty()) {
                    deleted += redis.del(page.getResult().toArray(new String[0]));
                }
                cursor = page.getCursor();
            } while (!"0".equals(cursor));
        }
        return deleted;
    }

    /** Appends lines to a transcript on their own (e.g. a counsellor's reply). */
    public void append(String id, List<TranscriptEntry> entries) {
        for (TranscriptEntry e : entries) {
            redis.rpush(transcriptKey(id), TranscriptJson.entry(e));
        }
        redis.expire(transcriptKey(id), retentionSeconds);
    }

    /** A transcript line made readable, for the console (and only there). */
    public record Line(String at, String direction, String text, String risk, List<String> reasons) {
        @Override
        public String toString() {
            return "Line[" + at + ", " + direction + ", text redacted]";
        }
    }

    public List<Line> transcript(String id) {
        List<Line> lines = new ArrayList<>();
        for (String raw : redis.lrange(transcriptKey(id), 0, -1)) {
            TranscriptEntry e = read(raw, TranscriptEntry.class);
            TranscriptText t = read(cipher.decrypt(e.sealed(), id), TranscriptText.class);
            lines.add(new Line(e.at(), e.direction(), t.text(), e.risk(), t.reasons()));
        }
        return lines;
    }

    public TranscriptEntry entry(String id, String at, String direction, String messageId, String risk, String text,
                                 List<String> reasons) {
        return new TranscriptEntry(at, direction, messageId, risk,
                cipher.encrypt(TranscriptJson.text(new TranscriptText(text, reasons)), id));
    }

    public String sealAddress(String id, String address) {
        return cipher.encrypt(address, id + ":address");
    }

    public String openAddress(String id, Contact contact) {
        return cipher.decrypt(contact.sealedAddress(), id + ":address");
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
