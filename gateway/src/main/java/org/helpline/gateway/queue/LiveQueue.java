package org.helpline.gateway.queue;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helpline.gateway.privacy.MessageCipher;
import org.helpline.gateway.redis.CriticalWrites;
import org.helpline.nlp.RiskTier;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * The live counsellor queue in Redis: conversations waiting for a person, most urgent first, claimed under leases.
 * Every state change is one Lua script (one typed wrapper each); the clock lives here, in Java.
 *
 * <p>Keys, all tagged {@code {queue}} so the scripts' keys share one cluster slot:
 * <ul>
 *   <li>{@code queue:{queue}:waiting} ZSET conversation → priority score (lower first; see queue_enqueue.lua)</li>
 *   <li>{@code queue:{queue}:waiting:<language>} ZSET the same, per language, so a claim looks at few entries</li>
 *   <li>{@code queue:{queue}:entry:<conversation>} HASH conversation, tier, tierName, enqueuedAt, score (the original
 *       place), state (waiting|claimed|closed), language, counsellor, claimedAt, firstClaimedAt (when a
 *       person first took it), leaseUntil, excluded (who
 *       transferred it back to the queue and until when they are passed over for it: {@code name=untilMs,...}),
 *       reasons (encrypted: they quote the young person), toldPosition and toldAt (the place the young person was
 *       last told, and when the position-update job last told them)</li>
 *   <li>{@code queue:{queue}:leases} ZSET conversation → lease expiry</li>
 *   <li>{@code queue:{queue}:held:<counsellor>} SET conversations a counsellor holds</li>
 *   <li>{@code queue:{queue}:lost:<counsellor>} LIST conversations whose lease expired, until the next heartbeat</li>
 *   <li>{@code queue:{queue}:counsellor:<name>}, {@code queue:{queue}:counsellors}: see {@link Counsellors}</li>
 *   <li>{@code queue:{queue}:cases} LIST closed cases ({@link ClosedCase} JSON)</li>
 *   <li>{@code queue:{queue}:history} LIST samples of depth and longest wait, one a {@code helpline.jobs.history}
 *       (a minute: 24 h of them)</li>
 *   <li>{@code queue:{queue}:erasures} HASH conversation → when the young person asked for erasure (ms), for a
 *       conversation a person must see first (waiting HIGH/IMMINENT, or held); the entry stays until then</li>
 *   <li>{@code queue:{queue}:waits} LIST the last {@value #RECENT_WAITS} waits before a first claim (ms), newest first,
 *       written only by {@code queue_claim.lua}: the estimated wait a young person is told ({@link #inLine})</li>
 * </ul>
 */
@Singleton
public class LiveQueue {
    /** Offset that keeps IMMINENT ahead of everything (≈ 300 years of waiting). */
    static final long IMMINENT_OFFSET_MS = 10_000_000_000_000L;
    static final String ENTRY_PREFIX = "queue:{queue}:entry:";
    static final String HELD_PREFIX = "queue:{queue}:held:";
    static final String LOST_PREFIX = "queue:{queue}:lost:";
    static final String WAITING_LANGUAGE_PREFIX = "queue:{queue}:waiting:";
    static final String COUNSELLOR_PREFIX = "queue:{queue}:counsellor:";

    private final UnifiedJedis redis;
    private final QueueConfiguration config;
    private final MessageCipher cipher;
    private final JsonMapper json;
    private final Clock clock;
    private final EnqueueScript enqueue;
    private final ClaimScript claim;
    private final RenewScript renew;
    private final ExpireScript expire;
    private final TransferScript transfer;
    private final CloseScript close;
    private final RemoveScript remove;
    private final DiscardScript discard;
    private final WithdrawWaitingScript withdrawWaiting;
    /** How many recent waits the estimate is made from. */
    static final int RECENT_WAITS = 20;
    private final CriticalWrites critical;
    /** Escalations, claims and lease expiries as they happen (metrics); {@code NONE} for a queue built by hand. */
    @jakarta.inject.Inject
    QueueCounters counters = QueueCounters.NONE;

    public LiveQueue(UnifiedJedis redis, QueueConfiguration config, MessageCipher cipher, JsonMapper json,
                     Clock clock) {
        this(redis, config, cipher, json, clock, null);
    }

    @jakarta.inject.Inject
    public LiveQueue(UnifiedJedis redis, QueueConfiguration config, MessageCipher cipher, JsonMapper json,
                     Clock clock, CriticalWrites critical) {
        this.critical = critical;
        this.redis = redis;
        this.config = config;
        this.cipher = cipher;
        this.json = json;
        this.clock = clock;
        this.enqueue = new EnqueueScript(redis);
        this.claim = new ClaimScript(redis);
        this.renew = new RenewScript(redis);
        this.expire = new ExpireScript(redis);
        this.transfer = new TransferScript(redis);
        this.close = new CloseScript(redis);
        this.remove = new RemoveScript(redis);
        this.discard = new DiscardScript(redis);
        this.withdrawWaiting = new WithdrawWaitingScript(redis);
    }

    public static String erasuresKey() {
        return "queue:{queue}:erasures";
    }

    public static String waitsKey() {
        return "queue:{queue}:waits";
    }

    public static String waitingKey() {
        return "queue:{queue}:waiting";
    }

    /** The waiting conversations of one language. */
    public static String waitingKey(String language) {
        return WAITING_LANGUAGE_PREFIX + language;
    }

    public static String entryKey(String conversationId) {
        return ENTRY_PREFIX + conversationId;
    }

    public static String leasesKey() {
        return "queue:{queue}:leases";
    }

    public static String heldKey(String counsellor) {
        return HELD_PREFIX + counsellor;
    }

    public static String lostKey(String counsellor) {
        return LOST_PREFIX + counsellor;
    }

    public static String counsellorKey(String counsellor) {
        return COUNSELLOR_PREFIX + counsellor;
    }

    public static String counsellorsKey() {
        return "queue:{queue}:counsellors";
    }

    public static String casesKey() {
        return "queue:{queue}:cases";
    }

    public static String historyKey() {
        return "queue:{queue}:history";
    }

    /** Enqueues (or raises) a conversation. Idempotent: safe to repeat after a crash or a webhook retry. */
    public EnqueueScript.Result enqueue(String conversationId, RiskTier tier, List<String> reasons, String language) {
        return enqueue(conversationId, tier, reasons, language, null);
    }

    /**
     * The same for a young person who writes in a language we do not ship ({@code writes}, e.g. {@code de}): the
     * entry waits in {@code language}'s queue, so that it is served whoever is on duty, marked with {@code writes}.
     */
    public EnqueueScript.Result enqueue(String conversationId, RiskTier tier, List<String> reasons, String language,
                                        String writes) {
        RiskTier queued = tier.atLeast(RiskTier.LOW) ? tier : RiskTier.LOW;
        String sealed = cipher.encrypt(String.join("\n", reasons), conversationId);
        EnqueueScript.Result r = enqueue.run(conversationId, queued, clock.millis(), offset(queued), sealed, language,
                writes);
        counters.enqueued(queued, r.outcome());
        if (critical != null && r.outcome() != EnqueueScript.Outcome.UNCHANGED) {
            critical.replicate(waitingKey()); // before the young person is told a counsellor is coming
        }
        return r;
    }

    /** "Help next": the most urgent conversation this counsellor may take, now theirs under a lease. */
    public Optional<String> claim(String counsellor) {
        Optional<String> id = claim.run(counsellor, clock.millis(), config.lease().toMillis(), config.scanLimit());
        id.ifPresent(taken -> counters.claimed());
        if (critical != null && id.isPresent()) {
            critical.replicate(waitingKey());
        }
        return id;
    }

    /** The console's heartbeat. */
    public RenewScript.Result renew(String counsellor) {
        return renew.run(counsellor, clock.millis(), config.lease().toMillis());
    }

    /** Returns expired leases to the queue at their original place. */
    public List<ExpireScript.Returned> expireLeases() {
        List<ExpireScript.Returned> returned = expire.run(clock.millis(), 500);
        counters.leasesExpired(returned.size());
        return returned;
    }

    /**
     * Back to the queue ({@code to == null}: {@code from} is passed over for it for
     * {@link QueueConfiguration#transferExclusion()}, unless nobody else can take it) or to a colleague.
     */
    public TransferScript.Outcome transfer(String conversation, String from, String to) {
        return transfer.run(conversation, from, to, clock.millis(), config.lease().toMillis(),
                config.transferExclusion().toMillis());
    }

    /**
     * A supervisor moves a conversation {@code holder} holds to {@code to}, who must be available with room and speak
     * its language; the holder's lease ends with it.
     */
    public TransferScript.Outcome reassign(String conversation, String holder, String to) {
        return transfer.reassign(conversation, holder, to, clock.millis(), config.lease().toMillis());
    }

    /**
     * The liveness job's last step for a silent held conversation: back to the queue at its original place, as the
     * holder's own transfer back would (they are passed over for it for a while), unless they replied or took it again
     * after {@code silentSince} (ms).
     */
    public TransferScript.Outcome returnSilent(String conversation, String holder, long silentSince) {
        return transfer.run(conversation, holder, null, clock.millis(), config.lease().toMillis(),
                config.transferExclusion().toMillis(), silentSince);
    }

    public boolean close(String conversation, String counsellor, String disposition, String notes) {
        QueueEntry e = entry(conversation).orElse(null);
        if (e == null) {
            return false;
        }
        ClosedCase c = new ClosedCase(conversation, counsellor, disposition,
                cipher.encrypt(notes == null ? "" : notes, conversation + ":notes"), e.tierName(), e.enqueuedAt(),
                clock.millis());
        try {
            return close.run(conversation, counsellor, json.writeValueAsString(c));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Takes a conversation out of the queue because its young person opted out, only while it is waiting (not held,
     * not a wait already ended), and says which entry left: the opt-out's report record is written from it.
     */
    public WithdrawWaitingScript.Result withdrawOptedOut(String conversation) {
        return withdrawWaiting.run(conversation);
    }

    /** Takes a waiting conversation out of the queue (quick exit); refuses ({@code HELD}) while a counsellor holds it. */
    public RemoveScript.Outcome withdrawIfWaiting(String conversation) {
        return remove.run(conversation);
    }

    /**
     * Takes the conversation out of the queue whatever its state, and forgets any erasure request: a person has seen
     * the request (or the conversation is being erased for another reason).
     */
    public DiscardScript.Outcome discard(String conversation) {
        return discard.run(conversation);
    }

    /** The young person asked for erasure of a conversation a person must see first: recorded until they do. */
    public void requestErasure(String conversation) {
        redis.hsetnx(erasuresKey(), conversation, Long.toString(clock.millis()));
    }

    /** True while an erasure request waits for a person to see it. */
    public boolean erasureRequested(String conversation) {
        return redis.hexists(erasuresKey(), conversation);
    }

    public Optional<QueueEntry> entry(String conversation) {
        Map<String, String> m = redis.hgetAll(entryKey(conversation));
        if (m.isEmpty()) {
            return Optional.empty();
        }
        String reasons = m.get("reasons");
        List<String> readable = reasons == null || reasons.isEmpty() ? List.of()
                : List.of(cipher.decrypt(reasons, conversation).split("\n"));
        return Optional.of(new QueueEntry(conversation, m.get("tierName"), Long.parseLong(m.get("enqueuedAt")),
                m.get("state"), m.get("counsellor"),
                m.get("claimedAt") == null ? null : Long.parseLong(m.get("claimedAt")),
                m.getOrDefault("language", "en"), readable, m.get("writes")));
    }

    /** The place in line the texter was last told, so updates go out only when it improved meaningfully. */
    public void rememberToldPosition(String conversation, long position) {
        redis.hset(entryKey(conversation), "toldPosition", Long.toString(position));
    }

    /** True when a counsellor holds the conversation right now (the bot stays silent). */
    public boolean heldByCounsellor(String conversation) {
        return QueueState.CLAIMED.stored().equals(redis.hget(entryKey(conversation), "state"));
    }

    public List<QueueEntry> heldBy(String counsellor) {
        List<QueueEntry> out = new ArrayList<>();
        for (String id : redis.smembers(heldKey(counsellor))) {
            entry(id).filter(e -> e.heldBy(counsellor))
                    .ifPresent(out::add);
        }
        out.sort((a, b) -> Long.compare(a.enqueuedAt(), b.enqueuedAt()));
        return out;
    }

    /**
     * Where a waiting young person stands: their place in line (1-based) and the median of the recent waits before a
     * first claim, when there are any.
     */
    public record InLine(long position, Optional<Duration> recentWait) {
        /** The estimate as the texter is told it: whole minutes, at least one. */
        public Optional<Long> minutes() {
            return recentWait.map(d -> Math.max(1, Math.round(d.toMillis() / 60_000.0)));
        }
    }

    /** Place in line and recent waits in one round trip; empty when the conversation is not waiting. */
    public Optional<InLine> inLine(String conversation) {
        Response<Long> rank;
        Response<List<String>> waits;
        try (AbstractPipeline p = redis.pipelined()) {
            rank = p.zrank(waitingKey(), conversation);
            waits = p.lrange(waitsKey(), 0, RECENT_WAITS - 1);
            p.sync();
        }
        if (rank.get() == null) {
            return Optional.empty();
        }
        return Optional.of(new InLine(rank.get() + 1, median(waits.get())));
    }

    static Optional<Duration> median(List<String> waits) {
        long[] ms = waits.stream().mapToLong(Long::parseLong).sorted().toArray();
        if (ms.length == 0) {
            return Optional.empty();
        }
        long m = ms.length % 2 == 1 ? ms[ms.length / 2] : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2;
        return Optional.of(Duration.ofMillis(m));
    }

    /** 0-based place in line, or -1 when not waiting. */
    public long position(String conversation) {
        Long rank = redis.zrank(waitingKey(), conversation);
        return rank == null ? -1 : rank;
    }

    public long depth() {
        return redis.zcard(waitingKey());
    }

    /**
     * Waiting conversations by tier, and the longest wait in seconds (overall and per tier, 0 for a tier nobody waits
     * in), and which IMMINENT conversations are waiting (so that a desk can tell a new arrival).
     */
    public record Overview(Map<RiskTier, Long> depthByTier, long longestWaitSeconds,
                           Map<RiskTier, Long> longestWaitByTier, List<String> imminent) {
    }

    public Overview overview() {
        Map<RiskTier, Long> byTier = new EnumMap<>(RiskTier.class);
        Map<RiskTier, Long> oldestByTier = new EnumMap<>(RiskTier.class);
        for (RiskTier t : List.of(RiskTier.IMMINENT, RiskTier.HIGH, RiskTier.LOW)) {
            byTier.put(t, 0L);
        }
        List<String> ids = redis.zrange(waitingKey(), 0, -1);
        List<String> imminent = new ArrayList<>();
        List<List<String>> fields = entryFields(ids, "tierName", "enqueuedAt");
        for (int i = 0; i < ids.size(); i++) {
            List<String> f = fields.get(i);
            if (f.get(0) != null && f.get(1) != null) {
                RiskTier tier = RiskTier.valueOf(f.get(0));
                byTier.merge(tier, 1L, Long::sum);
                oldestByTier.merge(tier, Long.parseLong(f.get(1)), Math::min);
                if (tier == RiskTier.IMMINENT) {
                    imminent.add(ids.get(i));
                }
            }
        }
        long now = clock.millis();
        Map<RiskTier, Long> waitByTier = new EnumMap<>(RiskTier.class);
        long longest = 0;
        for (RiskTier t : byTier.keySet()) {
            Long oldest = oldestByTier.get(t);
            long wait = oldest == null ? 0 : Math.max(0, (now - oldest) / 1000);
            waitByTier.put(t, wait);
            longest = Math.max(longest, wait);
        }
        return new Overview(byTier, longest, waitByTier, imminent);
    }

    /**
     * What a supervisor may open: the first {@code limit} waiting conversations in queue order, then every claimed
     * one (by lease), without their reasons (a supervisor reads those in the conversation itself).
     */
    public List<QueueEntry> active(int limit) {
        List<String> ids = new ArrayList<>(redis.zrange(waitingKey(), 0, limit - 1));
        ids.addAll(redis.zrange(leasesKey(), 0, -1));
        List<QueueEntry> out = new ArrayList<>();
        List<List<String>> fields = entryFields(ids, "tierName", "enqueuedAt", "state", "counsellor", "claimedAt",
                "language", "writes");
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            List<String> f = fields.get(i);
            if (f.get(0) != null && f.get(1) != null) {
                out.add(new QueueEntry(id, f.get(0), Long.parseLong(f.get(1)), f.get(2), f.get(3),
                        f.get(4) == null ? null : Long.parseLong(f.get(4)), f.get(5) == null ? "en" : f.get(5),
                        List.of(), f.get(6)));
            }
        }
        return out;
    }

    /**
     * Some fields of many queue entries in one round trip (a pipeline of {@code HMGET}s), in the order of {@code ids};
     * a field that is not there is {@code null}. The supervisor's overview reads every waiting entry: one round trip
     * each made it thousands of them for a long queue.
     */
    public List<List<String>> entryFields(List<String> ids, String... fields) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Response<List<String>>> replies = new ArrayList<>(ids.size());
        try (AbstractPipeline p = redis.pipelined()) {
            for (String id : ids) {
                replies.add(p.hmget(entryKey(id), fields));
            }
            p.sync();
        }
        List<List<String>> out = new ArrayList<>(ids.size());
        for (Response<List<String>> r : replies) {
            out.add(r.get());
        }
        return out;
    }

    long offset(RiskTier tier) {
        return switch (tier) {
            case IMMINENT -> IMMINENT_OFFSET_MS;
            case HIGH -> config.highAging().toMillis();
            default -> 0L;
        };
    }
}
