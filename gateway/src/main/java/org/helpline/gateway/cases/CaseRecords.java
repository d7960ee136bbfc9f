package org.helpline.gateway.cases;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.helpline.nlp.RiskTier;
import org.helpline.gateway.privacy.MessageCipher;
import org.helpline.gateway.privacy.PrivacyConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;

/**
 * Case records written at close: one for the reports ({@link CaseRecord}: no phone number, no text, no notes, no
 * conversation pseudonym) and one in the contact's own history, which the next counsellor sees (with the notes,
 * encrypted at rest like every typed text).
 *
 * <p>Keys:
 * <ul>
 *   <li>{@code cases:{cases}:records} LIST {@link CaseRecord} JSON, oldest first, the latest {@value #KEEP}: the
 *       reports and the CSV export</li>
 *   <li>{@code conv:{<id>}:cases} LIST {@link Stored} JSON, oldest first, the latest {@value #HISTORY}: the
 *       contact's history, notes sealed with the conversation's key; it expires with the conversation
 *       ({@code helpline.privacy.retention} after the last case) and is erased with it (every {@code conv:{<id>}:*}
 *       key is)</li>
 * </ul>
 */
@Singleton
public class CaseRecords {
    private static final Logger LOG = LoggerFactory.getLogger(CaseRecords.class);
    static final int KEEP = 200_000;
    static final int HISTORY = 20;

    /** A case in a contact's history, as stored. */
    @Serdeable
    public record Stored(String caseId, long closedAt, String counsellor, String tier, List<String> categories,
                         AgeBand ageBand, Outcome outcome, String sealedNotes, @Nullable List<Referral> referrals) {
    }

    /**
     * What the counsellor recorded at close.
     *
     * @param reviewedTier the tier the counsellor would give the conversation (optional): with the tier it was
     *                     escalated at, what the supervisors' agreement report is made of
     * @param referrals    where the young person was referred, apart from the outcome; {@link Referral#NONE} alone
     *                     for nowhere, {@code null} (or empty) when the counsellor did not say
     */
    public record Closing(List<String> categories, AgeBand ageBand, Gender gender, Outcome outcome,
                          @Nullable String notes, @Nullable RiskTier reviewedTier,
                          @Nullable List<Referral> referrals) {
        public Closing {
            if (categories == null || categories.isEmpty()) {
                throw new IllegalArgumentException("a case has at least one category");
            }
            categories = List.copyOf(categories);
            if (referrals == null || referrals.isEmpty()) {
                referrals = null;
            } else {
                referrals = referrals.stream().distinct().toList();
                if (referrals.size() > 1 && referrals.contains(Referral.NONE)) {
                    throw new IllegalArgumentException("“No referral” cannot go with a referral: choose one or "
                            + "the other.");
                }
            }
        }
    }

    private final UnifiedJedis redis;
    private final JsonMapper json;
    private final MessageCipher cipher;
    private final Clock clock;
    private final long retentionSeconds;

    public CaseRecords(UnifiedJedis redis, JsonMapper json, MessageCipher cipher, Clock clock,
                       PrivacyConfiguration privacy) {
        this.redis = redis;
        this.json = json;
        this.cipher = cipher;
        this.clock = clock;
        this.retentionSeconds = privacy.retention().toSeconds();
    }

    public static String recordsKey() {
        return "cases:{cases}:records";
    }

    public static String historyKey(String conversation) {
        return "conv:{" + conversation + "}:cases";
    }

    static String notesContext(String conversation, String caseId) {
        return conversation + ":case:" + caseId;
    }

    /**
     * Writes both records of a closed case; returns its id.
     *
     * @param arrivedAt when the young person reached the queue (ms), {@code null} when unknown
     */
    public String record(String conversation, String counsellor, String tier, @Nullable Long arrivedAt,
                         @Nullable Long waitMillis, Closing c) {
        String caseId = UUID.randomUUID().toString().substring(0, 13);
        long now = clock.millis();
        CaseRecord r = new CaseRecord(caseId, now, counsellor, tier, c.categories(), c.ageBand(), c.gender(),
                c.outcome(), waitMillis, c.reviewedTier(), c.referrals(), arrivedAt);
        String notes = c.notes() == null ? "" : c.notes().strip();
        Stored s = new Stored(caseId, now, counsellor, tier, c.categories(), c.ageBand(), c.outcome(),
                cipher.encrypt(notes, notesContext(conversation, caseId)), c.referrals());
        try {
            String record = json.writeValueAsString(r);
            String stored = json.writeValueAsString(s);
            redis.rpush(recordsKey(), record);
            redis.ltrim(recordsKey(), -KEEP, -1);
            try (AbstractPipeline p = redis.pipelined()) {
                p.rpush(historyKey(conversation), stored);
                p.ltrim(historyKey(conversation), -HISTORY, -1);
                p.expire(historyKey(conversation), retentionSeconds);
                p.sync();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return caseId;
    }

    /**
     * Writes the report record of a wait that ended without a counsellor; returns its id, or nothing when it could
     * not be written (logged): its callers are an opt-out and the message telling a young person their wait ended,
     * which a statistic must never stop. Its one caller per way a
     * wait ends is the one that took the entry out of the queue, and only when its script said it did (the liveness
     * job on {@code ended}, the opt-out on {@code removed}): each script changes the entry so that no second call
     * finds it waiting, so a wait gives one record whatever the number of instances. Nothing of the young person's is
     * in it, not even the pseudonym; nor does it go into the contact's history (no counsellor wrote anything).
     *
     * @param tier           the tier it waited at
     * @param arrivedAt      when it reached the queue (ms)
     * @param firstAnsweredAt when a counsellor first took it (ms), if one had before it went back to the queue;
     *                       {@code null} when nobody answered (the reports' "not answered")
     */
    public Optional<String> endedWaiting(String tier, long arrivedAt, @Nullable Long firstAnsweredAt,
                                         Outcome outcome) {
        if (!outcome.endedWaiting()) {
            throw new IllegalArgumentException("not an outcome of a wait: " + outcome);
        }
        String caseId = UUID.randomUUID().toString().substring(0, 13);
        CaseRecord r = new CaseRecord(caseId, clock.millis(), null, tier, List.of(), AgeBand.UNKNOWN,
                Gender.NOT_ASKED, outcome, firstAnsweredAt == null ? null : firstAnsweredAt - arrivedAt, null, null,
                arrivedAt);
        try {
            redis.rpush(recordsKey(), json.writeValueAsString(r));
            redis.ltrim(recordsKey(), -KEEP, -1);
            return Optional.of(caseId);
        } catch (IOException | RuntimeException e) {
            LOG.warn("the report record of an ended wait ({}) was not written: {}", outcome,
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** The contact's earlier cases, newest first, notes readable (for the counsellor who holds it, or a supervisor). */
    public List<PastCase> history(String conversation) {
        List<PastCase> out = new ArrayList<>();
        List<String> raw = redis.lrange(historyKey(conversation), 0, -1);
        for (int i = raw.size() - 1; i >= 0; i--) {
            Stored s = read(raw.get(i), Stored.class);
            out.add(new PastCase(s.caseId(), Instant.ofEpochMilli(s.closedAt()).toString(), s.counsellor(), s.tier(),
                    s.categories(), s.ageBand().label(), s.outcome().label(),
                    cipher.decrypt(s.sealedNotes(), notesContext(conversation, s.caseId())),
                    s.referrals() == null ? null : s.referrals().stream().map(Referral::label).toList()));
        }
        return out;
    }

    /** The report records closed at or after {@code since} (ms), oldest first. */
    public List<CaseRecord> since(long since) {
        List<CaseRecord> out = new ArrayList<>();
        long len = redis.llen(recordsKey());
        // newest last: read pages backwards until older than since
        long end = len - 1;
        final int page = 1000;
        while (end >= 0) {
            long start = Math.max(0, end - page + 1);
            List<String> raw = redis.lrange(recordsKey(), start, end);
            boolean older = false;
            List<CaseRecord> chunk = new ArrayList<>();
            for (String r : raw) {
                CaseRecord c = read(r, CaseRecord.class);
                if (c.closedAt() >= since) {
                    chunk.add(c);
                } else {
                    older = true;
                }
            }
            out.addAll(0, chunk);
            if (older) {
                break;
            }
            end = start - 1;
        }
        return out;
    }

    private <T> T read(String s, Class<T> type) {
        try {
            return json.readValue(s, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
