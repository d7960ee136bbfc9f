package org.helpline.gateway.queue;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.UnifiedJedis;

/**
 * Counsellors' presence, capacity and languages, as the claim script reads them.
 *
 * <p>Keys: {@code queue:{queue}:counsellor:<name>} HASH presence (available|away|offline), capacity, languages
 * (comma separated, '*' for any); {@code queue:{queue}:counsellors} SET of names.
 */
@Singleton
public final class Counsellors {
    /** Presence states: only available counsellors are offered conversations. */
    public static final Set<String> PRESENCES = Set.of("available", "away", "offline");

    /** A counsellor's state as the supervisor sees it. */
    public record Status(String name, String presence, int capacity, int load, List<String> languages) {
    }

    private final UnifiedJedis redis;

    public Counsellors(UnifiedJedis redis) {
        this.redis = redis;
    }

    public void register(String name, int capacity, List<String> languages) {
        redis.hset(LiveQueue.counsellorKey(name), Map.of("capacity", Integer.toString(Math.max(1, capacity)),
                "languages", String.join(",", languages)));
        redis.hsetnx(LiveQueue.counsellorKey(name), "presence", "offline");
        redis.sadd(LiveQueue.counsellorsKey(), name);
    }

    /** Offered nothing any more (a disabled user). */
    public void offline(String name) {
        if (redis.exists(LiveQueue.counsellorKey(name))) {
            redis.hset(LiveQueue.counsellorKey(name), "presence", "offline");
        }
    }

    /** No longer a counsellor (a removed user, or one whose roles no longer include it). */
    public void unregister(String name) {
        redis.srem(LiveQueue.counsellorsKey(), name);
        redis.del(LiveQueue.counsellorKey(name));
    }

    public void presence(String name, String presence) {
        String p = presence.toLowerCase(Locale.ROOT);
        if (!PRESENCES.contains(p)) {
            throw new IllegalArgumentException("presence is one of " + PRESENCES);
        }
        redis.hset(LiveQueue.counsellorKey(name), "presence", p);
    }

    public Status status(String name) {
        Map<String, String> m = redis.hgetAll(LiveQueue.counsellorKey(name));
        return new Status(name, m.getOrDefault("presence", "offline"),
                Integer.parseInt(m.getOrDefault("capacity", "1")),
                (int) redis.scard(LiveQueue.heldKey(name)),
                List.of(m.getOrDefault("languages", "").split(",")));
    }

    public List<Status> all() {
        List<Status> out = new ArrayList<>();
        for (String name : redis.smembers(LiveQueue.counsellorsKey()).stream().sorted().toList()) {
            out.add(status(name));
        }
        return out;
    }
}
