package org.helpline.gateway.conversation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.gateway.support.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * The two round trips of a message against a real Redis — {@link BeginReads} (a pipeline) and conversation_commit.lua:
 * the reply cache, the conversation lock, the sender's token bucket, the state they read and write, and that each is
 * exactly one round trip (counted as writes on the client's socket, so a pipeline counts once).
 */
class BeginCommitScriptTest {
    static final long LEASE = 10_000;
    static final String ID = "c0ffee";

    final AtomicInteger writes = new AtomicInteger();
    UnifiedJedis redis;
    BeginReads begin;

    @BeforeEach
    void connect() {
        TestRedis.flush();
        URI url = URI.create(TestRedis.url());
        redis = new JedisPooled(new GenericObjectPoolConfig<>(), () -> {
            Socket socket = new Socket() {
                @Override
                public OutputStream getOutputStream() throws IOException {
                    return new FilterOutputStream(super.getOutputStream()) {
                        @Override
                        public void write(byte[] b, int off, int len) throws IOException {
                            writes.incrementAndGet();
                            out.write(b, off, len);
                        }
                    };
                }
            };
            try {
                socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 2_000);
                return socket;
            } catch (IOException e) {
                throw new JedisConnectionException(e);
            }
        }, DefaultJedisClientConfig.builder().password(TestRedis.server().password()).build());
        redis.ping();
        begin = new BeginReads(redis);
    }

    @AfterEach
    void close() {
        redis.close();
    }

    private BeginReads.Begun begin(String messageId, String token, int burst, long now) {
        return begin.run(ID, messageId, token, LEASE, burst, 1.0, now, LiveQueue.entryKey(ID));
    }

    private BeginReads.Ready ready(String messageId, String token, int burst, long now) {
        return assertInstanceOf(BeginReads.Ready.class, begin(messageId, token, burst, now));
    }

    private BeginReads.Cached cached(String messageId, String token, int burst, long now) {
        return assertInstanceOf(BeginReads.Cached.class, begin(messageId, token, burst, now));
    }

    /** The script's answer as it says it on the wire ("ok", "cached 3 1"), for the assertions below. */
    private String run(String id, Map<String, String> session, Map<String, String> storedSession,
                       Map<String, String> contact, Map<String, String> storedContact, List<String> lines,
                       String messageId, int replyLines, long retention, long replyCache, String lockToken,
                       BeginReads.TokenBucket bucket, String expectedVersion, String newVersion) {
        CommitScript script = new CommitScript(redis, retention, replyCache);
        CommitScript.Answer a = script.run(new CommitScript.Request(id, new CommitScript.Hash(session, storedSession),
                new CommitScript.Hash(contact, storedContact), lines, messageId, replyLines, bucket,
                new CommitScript.Guard(lockToken, expectedVersion, newVersion)));
        return a.result().name().toLowerCase(java.util.Locale.ROOT)
                + (a.cachedReplies() == null ? "" : " " + a.cachedReplies());
    }

    private String run(String id, Map<String, String> session, Map<String, String> storedSession,
                       Map<String, String> contact, Map<String, String> storedContact, List<String> lines,
                       String messageId, int replyLines, long retention, long replyCache, String lockToken,
                       BeginReads.TokenBucket bucket) {
        return run(id, session, storedSession, contact, storedContact, lines, messageId, replyLines, retention,
                replyCache, lockToken, bucket, null, CommitScript.newVersion());
    }

    @Test
    void aFreshConversationIsLockedAndReadInOneRoundTrip() {
        writes.set(0);
        BeginReads.Ready b = ready("SM1", "t1", 5, 1_000);
        assertEquals(1, writes.get(), "the reads, the lock and the queue state travel in one pipeline");
                assertTrue(b.allowed());
        assertFalse(b.tell());
        assertTrue(b.contact().isEmpty());
        assertTrue(b.session().isEmpty());
        assertNull(b.queueState());
        assertEquals("t1", TestRedis.client().get(ConversationStore.lockKey(ID)));
        assertTrue(TestRedis.client().pttl(ConversationStore.lockKey(ID)) > 0, "the lock has a lease");
    }

    @Test
    void theCommitWritesEverythingAndReleasesItsOwnLockInOneRoundTrip() {
        begin("SM1", "t1", 5, 1_000);
        run(ID, Map.of(), null, Map.of(), null,
                List.of(), null, 0, 3_600, 600, "t1", null); // the server learns the script
        begin("SM1", "t1", 5, 1_000);
        writes.set(0);
        run(ID, Map.of("flow", "menu", "step", "start"), null, Map.of("language", "es"), null,
                List.of("line 1", "line 2"), "SM1", 1, 3_600, 600, "t1", null);
        assertEquals(1, writes.get());
        var r = TestRedis.client();
        assertNull(r.get(ConversationStore.lockKey(ID)), "released");
        assertEquals("menu", r.hget(ConversationStore.sessionKey(ID), "flow"));
        assertEquals(List.of("line 1", "line 2"), r.lrange(ConversationStore.transcriptKey(ID), 0, -1));
        assertTrue(r.ttl(ConversationStore.sessionKey(ID)) > 3_500, "retention set");

        // the next message of the conversation reads what was committed, and its retry is answered from the cache
        r.hset(LiveQueue.entryKey(ID), "state", "waiting");
        BeginReads.Ready next = ready("SM2", "t2", 5, 2_000);
        assertEquals(Map.of("flow", "menu", "step", "start"), next.session());
        assertEquals(Map.of("language", "es"), next.contact());
        assertEquals(org.helpline.gateway.queue.QueueState.WAITING, next.queueState());
        BeginReads.Cached retry = cached("SM1", "t3", 5, 2_000);
                assertEquals("1 1", retry.replies(), "the reply is the last of the 2 lines: index 1, 1 line");
    }

    @Test
    void aCachedAnswerSaysWhetherItTookTheLockSoTheCallerCanReleaseIt() {
        begin("SM1", "t1", 5, 1_000);
        run(ID, Map.of("flow", "menu"), null, Map.of(), null, List.of(), "SM1", 0, 3_600, 600,
                "t1", null);
        BeginReads.Cached retry = cached("SM1", "t2", 5, 2_000);
                assertTrue(retry.locked(), "the pipeline took the free lock before it knew");
        assertEquals("t2", TestRedis.client().get(ConversationStore.lockKey(ID)));
        BeginReads.Cached again = cached("SM1", "t3", 5, 2_000);
        // (a Cached begin: a retry is answered from the cache even while the lock is held)
        assertFalse(again.locked());
    }

    @Test
    void theBucketIsKeptAsAStringWithItsLifetime() {
        BeginReads.Ready b = ready("SM1", "t1", 3, 1_000_000);
        run(ID, Map.of(), null, Map.of(), null, List.of(), "SM1", 0, 3_600, 600, "t1", b.bucket());
        var r = TestRedis.client();
        assertEquals("2.0 1000000 0", r.get(ConversationStore.bucketKey(ID)));
        long ttl = r.pttl(ConversationStore.bucketKey(ID));
        assertTrue(ttl > 60_000 && ttl <= 63_000, "until it would be full again, plus a minute: " + ttl);
        // written by the earlier Lua version ("%.17g %d %s"), still read
        assertTrue(BeginReads.TokenBucket.take("0.50000000000000000 999000 1", 3, 1.0, 1_000_000).allowed());
        assertTrue(BeginReads.TokenBucket.take("not a bucket", 3, 1.0, 1_000_000).allowed(), "unreadable: full");
    }

    @Test
    void aServerThatForgotTheScriptsIsTaughtThemAgain() {
        TestRedis.client().scriptFlush();
        ready("SM1", "t1", 5, 1_000);
        run(ID, Map.of("flow", "menu"), null, Map.of(), null,
                List.of(), "SM1", 0, 3_600, 600, "t1", null);
        writes.set(0);
        ready("SM2", "t2", 5, 1_000);
        run(ID, Map.of("flow", "menu"), null, Map.of(), null,
                List.of(), "SM2", 0, 3_600, 600, "t2", null);
        assertEquals(2, writes.get(), "known again: one round trip each");
    }

    @Test
    void aSecondMessageWaitsForTheLockAndACommitNeverReleasesSomeoneElsesLock() {
        ready("SM1", "t1", 5, 1_000);
        assertInstanceOf(BeginReads.Busy.class, begin("SM2", "t2", 5, 1_001), "one message of a conversation at a time");
        // t1's lease ran out and t2 took the lock: t1's late commit still lands but must not free t2's lock
        TestRedis.client().set(ConversationStore.lockKey(ID), "t2");
        run(ID, Map.of("flow", "menu"), null, Map.of(), null,
                List.of(), "SM1", 0, 3_600, 600, "t1", null);
        assertEquals("t2", TestRedis.client().get(ConversationStore.lockKey(ID)));
    }

    @Test
    void theTokenBucketRefusesAFloodAndSaysSoOnlyOnce() {
        long now = 1_000_000;
        for (int i = 0; i < 3; i++) {
            BeginReads.Ready b = ready("SM" + i, "t" + i, 3, now);
            assertTrue(b.allowed(), "within the burst: " + i);
            run(ID, Map.of(), null, Map.of(), null,
                    List.of(), "SM" + i, 0, 3_600, 600, "t" + i, b.bucket());
        }
        BeginReads.Ready first = ready("SM3", "t3", 3, now);
        assertFalse(first.allowed());
        assertTrue(first.tell(), "the first refused message gets the polite reply");
        run(ID, Map.of(), null, Map.of(), null,
                List.of(), "SM3", 0, 3_600, 600, "t3", first.bucket());
        BeginReads.Ready second = ready("SM4", "t4", 3, now);
        assertFalse(second.allowed());
        assertFalse(second.tell(), "later ones are kept without a reply");
        run(ID, Map.of(), null, Map.of(), null,
                List.of(), "SM4", 0, 3_600, 600, "t4", second.bucket());
        BeginReads.Ready later = ready("SM5", "t5", 3, now + 2_000);
        assertTrue(later.allowed(), "refilled at 1 token/s");
    }

    @Test
    void aCommitWritesWhatChangedSinceTheReadAndDeletesWhatIsGone() {
        var r = TestRedis.client();
        begin("SM1", "t1", 5, 1_000);
        run(ID, Map.of("flow", "menu", "node", "start", "language", "en", "consentedAt", "x"), null,
                Map.of("language", "en", "lastInbound", "1", "region", "GB"), null, List.of("a"), "SM1", 0,
                3_600, 600, "t1", null);
        BeginReads.Ready b = ready("SM2", "t2", 5, 2_000);
        // a field changed behind the contact's back must survive a commit that did not change it (only changes go)
        r.hset(ConversationStore.contactKey(ID), "optedOut", "true");
        run(ID, Map.of("flow", "menu", "node", "next", "language", "en"), b.session(),
                Map.of("language", "en", "lastInbound", "2", "region", "GB"), b.contact(), List.of("b"), "SM2", 0,
                3_600, 600, "t2", null);
        assertEquals(Map.of("flow", "menu", "node", "next", "language", "en"),
                withoutVersion(r.hgetAll(ConversationStore.sessionKey(ID))), "the session as now, consentedAt deleted");
        assertEquals(Map.of("language", "en", "lastInbound", "2", "region", "GB", "optedOut", "true"),
                r.hgetAll(ConversationStore.contactKey(ID)));
        assertEquals(List.of("a", "b"), r.lrange(ConversationStore.transcriptKey(ID), 0, -1));
    }

    @Test
    void onlyChangedSessionFieldsAreWrittenButAFlowAndItsNodeAlwaysTogether() {
        var r = TestRedis.client();
        begin("SM1", "t1", 5, 1_000);
        run(ID, Map.of("flow", "menu", "node", "start", "language", "en", "optedOut", "false"), null,
                Map.of("language", "en"), null, List.of("a"), "SM1", 0, 3_600, 600, "t1", null);
        // written without the lock in between (a counsellor's close): the next commit, which read the old hash, must
        // not undo the fields it did not change, nor pair the close's flow with its own node
        BeginReads.Ready b = ready("SM2", "t2", 5, 2_000);
        r.hset(ConversationStore.sessionKey(ID), Map.of("flow", "counsellor", "node", "closed", "language", "es"));
        run(ID, Map.of("flow", "menu", "node", "more", "language", "en", "optedOut", "false"), b.session(),
                Map.of("language", "en"), b.contact(), List.of("b"), "SM2", 0, 3_600, 600, "t2", null);
        assertEquals(Map.of("flow", "menu", "node", "more", "language", "es", "optedOut", "false"),
                withoutVersion(r.hgetAll(ConversationStore.sessionKey(ID))),
                "node changed: flow written with it; language, unchanged by this message, left as the other write "
                        + "set it");

        List<String> sets = new java.util.ArrayList<>();
        List<String> deletions = new java.util.ArrayList<>();
        int[] counts = CommitScript.diff(Map.of("flow", "menu", "node", "more", "lastActivityAt", "2"),
                Map.of("flow", "menu", "node", "more", "lastActivityAt", "1"), CommitScript.SESSION_TOGETHER, sets,
                deletions);
        assertEquals(List.of("lastActivityAt", "2"), sets, "an ordinary message's session write: what changed");
        assertArrayEquals(new int[]{1, 0}, counts);
    }

    private static Map<String, String> withoutVersion(Map<String, String> hash) {
        Map<String, String> m = new java.util.HashMap<>(hash);
        assertTrue(m.remove(ConversationStore.VERSION_FIELD) != null, "every commit leaves a version");
        return m;
    }

    @Test
    void anOptimisticCommitIsWrittenOnlyOnTheVersionItWasMadeFromAndOtherwiseSaysWhyNot() {
        var r = TestRedis.client();
        Map<String, String> start = Map.of("flow", "menu", "node", "start", "language", "en");
        Map<String, String> more = Map.of("flow", "menu", "node", "more", "language", "en");
        Map<String, String> contact = Map.of("language", "en");
        BeginReads.Ready b = ready("SM1", "t1", 5, 1_000);
        assertEquals("-", b.version(), "a new conversation has no version");
        assertEquals("ok", run(ID, start, b.session(), contact, b.contact(), List.of("a", "b"), "SM1", 1,
                3_600, 600, "t1", b.bucket(), b.version(), "v1"));
        assertEquals("v1", r.hget(ConversationStore.sessionKey(ID), "v"));
        b = ready("SM1b", "t1b", 5, 1_100);
        assertEquals("v1", b.version());
        assertEquals(start, b.session(), "the version is not part of the session");
        run(ID, start, b.session(), contact, b.contact(), List.of(), null, 0, 3_600, 600, "t1b", null,
                b.version(), "v1");     // (only to let the lock go)

        // made from v1, no lock: written, in one round trip
        writes.set(0);
        assertEquals("ok", run(ID, more, start, contact, contact, List.of("c", "d"), "SM2", 1, 3_600, 600,
                null, null, "v1", "v2"));
        assertEquals(1, writes.get());
        assertEquals("more", r.hget(ConversationStore.sessionKey(ID), "node"));
        assertEquals("v2", r.hget(ConversationStore.sessionKey(ID), "v"));
        assertEquals("3 1", r.get(ConversationStore.repliesKey(ID, "SM2")));

        // made from v1 again: someone wrote since, nothing is written
        assertEquals("stale", run(ID, start, more, contact, contact, List.of("e", "f"), "SM3", 1, 3_600, 600,
                null, null, "v1", "v3"));
        assertEquals(List.of("a", "b", "c", "d"), r.lrange(ConversationStore.transcriptKey(ID), 0, -1));
        assertEquals("v2", r.hget(ConversationStore.sessionKey(ID), "v"));
        assertFalse(r.exists(ConversationStore.repliesKey(ID, "SM3")));

        // a message on the locked path holds the conversation: not written either
        BeginReads.Ready held = ready("SM4", "t4", 5, 2_000);
        assertEquals("busy", run(ID, start, more, contact, contact, List.of("g"), "SM5", 0, 3_600, 600,
                null, null, "v2", "v5"));
        // a retry of a message already answered: its answer, nothing written
        assertEquals("cached 3 1", run(ID, start, more, contact, contact, List.of("h"), "SM2", 1, 3_600,
                600, null, null, "v2", "v6"));
        assertEquals(4, r.llen(ConversationStore.transcriptKey(ID)));

        // the locked message's commit after a write without the lock in between (a counsellor's close): written, and
        // it says the hashes are not just what it wrote
        assertEquals("ok", run(ID, Map.of("flow", "menu", "node", "start", "language", "es"), null, contact,
                null, List.of("i"), null, 0, 3_600, 600, null, null, null, "v7"));
        assertEquals("merged", run(ID, more, held.session(), contact, held.contact(), List.of("j"), "SM4", 0,
                3_600, 600, "t4", null, held.version(), "v8"));
        assertFalse(r.exists(ConversationStore.lockKey(ID)), "released");
        assertEquals("v8", r.hget(ConversationStore.sessionKey(ID), "v"));
    }

    @Test
    void anOrdinaryCommitWritesTheSessionAndItsVersionInOneCommand() {
        var r = TestRedis.client();
        Map<String, String> start = Map.of("flow", "menu", "node", "start", "language", "en", "consentedAt", "x");
        Map<String, String> more = Map.of("flow", "menu", "node", "more", "language", "en");
        Map<String, String> contact = Map.of("language", "en");
        BeginReads.Ready b = ready("SM1", "t1", 5, 1_000);
        run(ID, start, b.session(), contact, b.contact(), List.of("a", "b"), "SM1", 1, 3_600, 600, "t1",
                b.bucket(), b.version(), "v1");
        try (Jedis stats = new Jedis(TestRedis.url())) {
            stats.configResetStat();
            // the cached path's commit: one field set (node), one deleted (consentedAt), the contact unchanged
            assertEquals("ok", run(ID, more, start, contact, contact, List.of("c", "d"), "SM2", 1, 3_600, 600,
                    null, null, "v1", "v2"));
            String calls = stats.info("commandstats");
            assertEquals(1, calls(calls, "hset"), "the node and the version in one HSET: " + calls);
            assertEquals(1, calls(calls, "hdel"), calls);
            assertEquals(0, calls(calls, "del"), "nothing replaced: " + calls);
        }
        assertEquals(Map.of("flow", "menu", "node", "more", "language", "en", "v", "v2"),
                r.hgetAll(ConversationStore.sessionKey(ID)));
        assertEquals(contact, r.hgetAll(ConversationStore.contactKey(ID)));

        // a session read empty is replaced whole, version included, in one DEL and one HSET
        r.del(ConversationStore.sessionKey(ID));
        b = ready("SM3", "t3", 5, 2_000);
        assertEquals("merged", run(ID, start, b.session(), contact, b.contact(), List.of("e"), "SM3", 0,
                3_600, 600, "t3", b.bucket(), "v2", "v3"), "the version read (v2) was gone: another write");
        assertEquals(Map.of("flow", "menu", "node", "start", "language", "en", "consentedAt", "x", "v", "v3"),
                r.hgetAll(ConversationStore.sessionKey(ID)));
    }

    /** A command's calls in {@code INFO commandstats} (0 when it never ran). */
    private static long calls(String commandstats, String command) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("cmdstat_" + command + ":calls=(\\d+)")
                .matcher(commandstats);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    @Test
    void expiriesAreRenewedOnlyWhenLessThanTheRetentionMinusItsSlackIsLeftAndNeverMissing() {
        var r = TestRedis.client();
        long retention = 100_000;    // slack: a day
        begin("SM1", "t1", 5, 1_000);
        run(ID, Map.of("flow", "menu"), null, Map.of("language", "en"), null, List.of("a"), "SM1", 0,
                retention, 600, "t1", null);
        for (String key : List.of(ConversationStore.sessionKey(ID), ConversationStore.contactKey(ID),
                ConversationStore.transcriptKey(ID))) {
            assertTrue(r.ttl(key) > retention - 10, "new keys get the retention: " + key);
        }
        // within the slack: not renewed
        r.expire(ConversationStore.transcriptKey(ID), retention - 3_600);
        r.expire(ConversationStore.sessionKey(ID), retention - 3_600);
        BeginReads.Ready b = ready("SM2", "t2", 5, 2_000);
        run(ID, Map.of("flow", "menu"), b.session(), Map.of("language", "en"), b.contact(), List.of("b"),
                "SM2", 0, retention, 600, "t2", null);
        assertTrue(r.ttl(ConversationStore.sessionKey(ID)) <= retention - 3_600);
        // past the slack: all three renewed
        r.expire(ConversationStore.transcriptKey(ID), retention - 90_000);
        b = ready("SM3", "t3", 5, 3_000);
        run(ID, Map.of("flow", "menu"), b.session(), Map.of("language", "en"), b.contact(), List.of("c"),
                "SM3", 0, retention, 600, "t3", null);
        for (String key : List.of(ConversationStore.sessionKey(ID), ConversationStore.contactKey(ID),
                ConversationStore.transcriptKey(ID))) {
            assertTrue(r.ttl(key) > retention - 10, "renewed: " + key);
        }
        // a hash gone on its own (evicted) comes back whole, with an expiry
        r.del(ConversationStore.contactKey(ID));
        b = ready("SM4", "t4", 5, 4_000);
        assertTrue(b.contact().isEmpty());
        run(ID, Map.of("flow", "menu"), b.session(), Map.of("language", "en"), b.contact(), List.of("d"),
                "SM4", 0, retention, 600, "t4", null);
        assertTrue(r.ttl(ConversationStore.contactKey(ID)) > retention - 10);
    }

    @Test
    void aShortRetentionIsStillRenewed() {
        var r = TestRedis.client();
        begin("SM1", "t1", 5, 1_000);
        run(ID, Map.of("flow", "menu"), null, Map.of("language", "en"), null, List.of("a"), "SM1", 0,
                60, 600, "t1", null);
        r.expire(ConversationStore.transcriptKey(ID), 30);
        BeginReads.Ready b = ready("SM2", "t2", 5, 2_000);
        run(ID, Map.of("flow", "menu"), b.session(), Map.of("language", "en"), b.contact(), List.of("b"),
                "SM2", 0, 60, 600, "t2", null);
        assertTrue(r.ttl(ConversationStore.transcriptKey(ID)) > 50, "slack of a tenth: 6 s");
    }
}
