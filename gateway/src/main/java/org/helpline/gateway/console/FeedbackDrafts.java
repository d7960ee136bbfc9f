package org.helpline.gateway.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.helpline.gateway.privacy.MessageCipher;
import org.helpline.gateway.privacy.PrivacyConfiguration;
import redis.clients.jedis.UnifiedJedis;

/**
 * The counsellor's review while the conversation is still open: the risk level they would give, the messages that
 * mattered, their topic and names to leave out, saved as they are given, so that a reload, a lost connection or a
 * transfer keeps them and the close form starts from them. The close writes the case record and clears it.
 *
 * <p>Keys: {@code conv:{<id>}:feedback} STRING JSON {@link Draft} (names encrypted), expiring with the transcript and
 * erased with the conversation.
 */
@Singleton
public class FeedbackDrafts {
    /** A review in progress; {@code sealedNames} the names to leave out, encrypted. */
    @Serdeable
    public record Draft(@Nullable String riskReview, List<Integer> mattered, @Nullable String topic,
                        @Nullable String sealedNames) {
    }

    /** A review as the console shows it. */
    @Serdeable
    public record Shown(@Nullable String riskReview, List<Integer> mattered, @Nullable String topic,
                        @Nullable String names) {
    }

    private final UnifiedJedis redis;
    private final JsonMapper json;
    private final MessageCipher cipher;
    private final long retentionSeconds;

    public FeedbackDrafts(UnifiedJedis redis, JsonMapper json, MessageCipher cipher, PrivacyConfiguration privacy) {
        this.redis = redis;
        this.json = json;
        this.cipher = cipher;
        this.retentionSeconds = privacy.retention().toSeconds();
    }

    static String key(String conversation) {
        return "conv:{" + conversation + "}:feedback";
    }

    private static String context(String conversation) {
        return conversation + ":feedback";
    }

    public void save(String conversation, @Nullable String riskReview, @Nullable List<Integer> mattered,
                     @Nullable String topic, @Nullable String names) {
        String sealed = names == null || names.isBlank() ? null : cipher.encrypt(names.strip(), context(conversation));
        try {
            redis.setex(key(conversation), retentionSeconds, json.writeValueAsString(new Draft(blank(riskReview),
                    mattered == null ? List.of() : List.copyOf(mattered), blank(topic), sealed)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<Shown> get(String conversation) {
        String raw = redis.get(key(conversation));
        if (raw == null) {
            return Optional.empty();
        }
        try {
            Draft d = json.readValue(raw, Draft.class);
            return Optional.of(new Shown(d.riskReview(), d.mattered(), d.topic(),
                    d.sealedNames() == null ? null : cipher.decrypt(d.sealedNames(), context(conversation))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void clear(String conversation) {
        redis.del(key(conversation));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
