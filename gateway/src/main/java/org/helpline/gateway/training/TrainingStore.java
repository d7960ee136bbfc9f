package org.helpline.gateway.training;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.zip.CRC32;
import org.helpline.gateway.audit.AuditLog;
import org.helpline.gateway.cases.AgeBand;
import org.helpline.gateway.privacy.MessageCipher;
import org.helpline.gateway.privacy.Pseudonymiser;
import org.helpline.nlp.Intent;
import org.helpline.nlp.RiskTier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;

/**
 * Messages kept to retrain the models: only a young person's own messages, only from conversations whose young person
 * consented to it, only with a counsellor's label, the text scrubbed ({@link PrivacyScrub}) and encrypted, under
 * their own retention. The one writer of the training keys.
 *
 * <p>Keys (one slot): {@code training:{training}:examples} ZSET example id by kept-at ms (the export's order; ids
 * whose record expired are pruned there); {@code training:{training}:ex:<id>} STRING JSON {@link TrainingExample},
 * expiring after the retention; {@code training:{training}:conv:<conversation>} SET of the conversation's example
 * ids, so that a withdrawal or an erasure removes them all.
 */
@Singleton
public class TrainingStore {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingStore.class);
    /** Records read per round trip by the export. */
    private static final int EXPORT_BATCH = 500;

    /** One message of the young person, as the transcript holds it; {@code index} is its place in the transcript. */
    public record Said(int index, String text) {
    }

    /**
     * The counsellor's labels of a closed conversation.
     *
     * @param reviewedTier the tier the counsellor says was right for the conversation
     * @param modelTier    the tier it was escalated at
     * @param mattered     transcript indexes of the messages the counsellor marked as the ones that mattered
     * @param names        names the counsellor marked, taken out of the text
     * @param topic        what the marked messages were about, when the counsellor said (an intent), or {@code null}
     */
    public record Labels(RiskTier reviewedTier, RiskTier modelTier, Set<Integer> mattered, List<String> names,
                         @Nullable Intent topic) {
        public Labels {
            mattered = Set.copyOf(mattered);
            names = List.copyOf(names);
        }
    }

    /** One exported message; {@code intent} only for a marked message whose topic the counsellor gave. */
    public record Exported(String language, boolean heldBack, RiskTier label, @Nullable Intent intent, String text) {
    }

    private final UnifiedJedis redis;
    private final JsonMapper json;
    private final MessageCipher cipher;
    private final AuditLog audit;
    private final Clock clock;
    private final TrainingConfiguration config;

    public TrainingStore(UnifiedJedis redis, JsonMapper json, MessageCipher cipher, AuditLog audit, Clock clock,
                         TrainingConfiguration config) {
        this.redis = redis;
        this.json = json;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
        this.config = config;
    }

    static String examplesKey() {
        return "training:{training}:examples";
    }

    static String exampleKey(String id) {
        return "training:{training}:ex:" + id;
    }

    static String conversationKey(String conversation) {
        return "training:{training}:conv:" + conversation;
    }

    static String context(String id) {
        return "training:" + id;
    }

    /**
     * Which messages get a label: the marked ones get the reviewed tier; when the counsellor said the conversation was
     * no risk at all, every message is "none". Otherwise an unmarked message's own tier is not known and it is not
     * kept (a HIGH conversation's "hi" is not a HIGH message).
     */
    static List<TrainingExample.Why> labelling(Labels labels, List<Said> said) {
        List<TrainingExample.Why> out = new ArrayList<>();
        for (Said s : said) {
            out.add(labels.mattered().contains(s.index()) ? TrainingExample.Why.MARKED
                    : labels.reviewedTier() == RiskTier.NONE ? TrainingExample.Why.NO_RISK_CONVERSATION : null);
        }
        return out;
    }

    /**
     * A young person the counsellor recorded as younger than the minimum age gives nothing for training, whatever
     * was consented. An unknown age does not stop it: the dialogue asks for consent only of those old enough.
     */
    public static boolean tooYoung(AgeBand band, int minimumAge) {
        int oldest = switch (band) {
            case UNDER_10 -> 9;
            case AGE_10_12 -> 12;
            case AGE_13_15 -> 15;
            case AGE_16_17 -> 17;
            case AGE_18_24 -> 24;
            case OVER_24, UNKNOWN -> Integer.MAX_VALUE;
        };
        return oldest < minimumAge;
    }

    /** Keeps the labelled messages of a consented conversation; returns how many were kept. */
    public int keep(String conversation, String language, List<Said> said, Labels labels) {
        if (!config.enabled() || labels.reviewedTier() == null) {
            return 0;
        }
        List<TrainingExample.Why> why = labelling(labels, said);
        long now = clock.millis();
        long ttl = config.retention().toSeconds();
        int kept = 0;
        try (AbstractPipeline p = redis.pipelined()) {
            for (int i = 0; i < said.size(); i++) {
                String text = PrivacyScrub.scrub(said.get(i).text(), labels.names());
                if (why.get(i) == null || text.isBlank()) {
                    continue;
                }
                String id = UUID.randomUUID().toString();
                Intent intent = why.get(i) == TrainingExample.Why.MARKED ? labels.topic() : null;
                TrainingExample e = new TrainingExample(id, now, language, labels.reviewedTier(), why.get(i),
                        labels.modelTier(), intent, cipher.encrypt(text, context(id)));
                p.setex(exampleKey(id), ttl, json.writeValueAsString(e));
                p.zadd(examplesKey(), now, id);
                p.sadd(conversationKey(conversation), id);
                kept++;
            }
            if (kept > 0) {
                p.expire(conversationKey(conversation), ttl);
            }
            p.sync();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (kept > 0) {
            LOG.info("conversation {}: {} messages kept for training", Pseudonymiser.forLogs(conversation), kept);
        }
        return kept;
    }

    /** Consent withdrawn, or the conversation erased: everything it gave is removed. Returns how many messages. */
    public int withdraw(String conversation) {
        Set<String> ids = redis.smembers(conversationKey(conversation));
        try (AbstractPipeline p = redis.pipelined()) {
            for (String id : ids) {
                p.del(exampleKey(id));
                p.zrem(examplesKey(), id);
            }
            p.del(conversationKey(conversation));
            p.sync();
        }
        if (!ids.isEmpty()) {
            LOG.info("conversation {}: {} training messages removed", Pseudonymiser.forLogs(conversation), ids.size());
        }
        return ids.size();
    }

    /** How many messages are kept now (those past their retention are pruned first). */
    public long size() {
        prune();
        return redis.zcard(examplesKey());
    }

    /**
     * Every kept message, decrypted and scrubbed again (names marked since, or a rule that changed), oldest first,
     * each on its side of the held-back split. The export is audited: who took how many messages, when.
     */
    public List<Exported> export(String actor) {
        prune();
        List<Exported> out = new ArrayList<>();
        List<String> ids = redis.zrange(examplesKey(), 0, -1);
        for (int from = 0; from < ids.size(); from += EXPORT_BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + EXPORT_BATCH));
            List<String> raws = redis.mget(batch.stream().map(TrainingStore::exampleKey).toArray(String[]::new));
            for (int i = 0; i < batch.size(); i++) {
                String raw = raws.get(i);
                if (raw == null) {
                    continue;   // expired between the index and the record
                }
                TrainingExample e;
                try {
                    e = json.readValue(raw, TrainingExample.class);
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
                String id = batch.get(i);
                out.add(new Exported(e.language(), heldBack(id, config.heldBackShare()), e.label(), e.intent(),
                        PrivacyScrub.scrub(cipher.decrypt(e.sealedText(), context(id)), List.of())));
            }
        }
        audit.record(actor, "training-export:" + out.size(), "-");
        return out;
    }

    /** The same side for the same message at every export. */
    static boolean heldBack(String id, double share) {
        CRC32 crc = new CRC32();
        crc.update(id.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % 1000 < Math.round(share * 1000);
    }


    private void prune() {
        redis.zremrangeByScore(examplesKey(), Double.NEGATIVE_INFINITY,
                clock.millis() - config.retention().toMillis());
    }
}
