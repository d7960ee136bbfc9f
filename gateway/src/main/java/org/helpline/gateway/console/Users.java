package org.helpline.gateway.console;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.helpline.gateway.queue.Counsellors;
import redis.clients.jedis.UnifiedJedis;

/**
 * Console users. Passwords are stored only as PBKDF2 hashes.
 *
 * <p>Keys: {@code users:{users}:<name>} HASH password, roles, languages, capacity, createdAt;
 * {@code users:{users}:all} SET of names.
 */
@Singleton
public class Users {
    /** Roles of the console. */
    public static final Set<String> ROLES = Set.of("COUNSELLOR", "SUPERVISOR", "CAMPAIGNER", "ADMIN");

    /** A user as the console sees it (never the hash). */
    @io.micronaut.serde.annotation.Serdeable
    public record User(String username, List<String> roles, List<String> languages, int capacity) {
    }

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._-]{1,31}");
    private final UnifiedJedis redis;
    private final Counsellors counsellors;
    private final Clock clock;

    public Users(UnifiedJedis redis, Counsellors counsellors, Clock clock) {
        this.redis = redis;
        this.counsellors = counsellors;
        this.clock = clock;
    }

    static String userKey(String name) {
        return "users:{users}:" + name;
    }

    static String allKey() {
        return "users:{users}:all";
    }

    /**
     * Creates or replaces a user.
     *
     * @throws IllegalArgumentException with a message fit for the admin page
     */
    public User create(String username, String password, List<String> roles, List<String> languages, int capacity) {
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        if (!validName(name)) {
            throw new IllegalArgumentException("username: 2-32 characters, letters, digits, '.', '_' or '-'");
        }
        if (password == null || password.length() < 10) {
            throw new IllegalArgumentException("password: at least 10 characters");
        }
        List<String> r = roles.stream().map(s -> s.trim().toUpperCase(Locale.ROOT)).distinct().toList();
        if (r.isEmpty() || !ROLES.containsAll(r)) {
            throw new IllegalArgumentException("roles: one or more of " + ROLES);
        }
        List<String> langs = languages == null || languages.isEmpty() ? List.of("en")
                : languages.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> s.matches("[a-z]{2}|\\*"))
                        .distinct().toList();
        int cap = Math.max(1, Math.min(20, capacity));
        Map<String, String> m = new LinkedHashMap<>();
        m.put("password", PasswordHasher.hash(password));
        m.put("roles", String.join(",", r));
        m.put("languages", String.join(",", langs));
        m.put("capacity", Integer.toString(cap));
        m.put("createdAt", clock.instant().toString());
        redis.hset(userKey(name), m);
        redis.sadd(allKey(), name);
        if (r.contains("COUNSELLOR")) {
            counsellors.register(name, cap, langs);
        }
        return new User(name, r, langs, cap);
    }

    public Optional<User> find(String username) {
        if (username == null) {
            return Optional.empty();
        }
        Map<String, String> m = redis.hgetAll(userKey(username.trim().toLowerCase(Locale.ROOT)));
        if (m.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new User(username.trim().toLowerCase(Locale.ROOT), List.of(m.get("roles").split(",")),
                List.of(m.get("languages").split(",")), Integer.parseInt(m.get("capacity"))));
    }

    /** Whether {@code name} (normalised: trimmed, lower case) is one a user can have. */
    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public long count() {
        return redis.scard(allKey());
    }
}
