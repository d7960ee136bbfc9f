package org.helpline.gateway.audit;

import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * Who viewed, replied to, transferred or closed which conversation, and when. Append-only (nothing in the code
 * removes or rewrites an entry), readable by ADMIN.
 *
 * <p>Keys: {@code audit:{audit}:log} LIST of JSON {@link Entry}.
 */
@Singleton
public class AuditLog {
    /** One audited action. */
    @Serdeable
    public record Entry(String at, String actor, String action, String conversation) {
    }

    private final UnifiedJedis redis;
    private final JsonMapper json;
    private final Clock clock;

    public AuditLog(UnifiedJedis redis, JsonMapper json, Clock clock) {
        this.redis = redis;
        this.json = json;
        this.clock = clock;
    }

    static String key() {
        return "audit:{audit}:log";
    }

    public void record(String actor, String action, String conversation) {
        try {
            redis.rpush(key(), json.writeValueAsString(new Entry(clock.instant().toString(), actor, action,
                    conversation)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The newest {@code limit} entries, newest first. */
    public List<Entry> latest(int limit) {
        List<Entry> out = new ArrayList<>();
        List<String> raw = redis.lrange(key(), -limit, -1);
        for (int i = raw.size() - 1; i >= 0; i--) {
            try {
                out.add(json.readValue(raw.get(i), Entry.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
