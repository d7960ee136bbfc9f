package org.helpline.gateway.console;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.helpline.gateway.queue.Counsellors;
import redis.clients.jedis.UnifiedJedis;

/**
 * Console users. Passwords are stored only as PBKDF2 hashes. Replacing a user (a new password or new roles),
 * disabling and removing one end their sessions at once ({@link ConsoleSessions}).
 *
 * <p>Keys: {@code users:{users}:<name>} HASH password, roles, languages, capacity, createdAt, disabled ("1" when
 * disabled); {@code users:{users}:all} SET of names.
 */
@Singleton
public class Users {
    /** Roles of the console. */
    public static final Set<String> ROLES = Set.of("COUNSELLOR", "SUPERVISOR", "CAMPAIGNER", "ADMIN");

    /** A user as the console sees it (never the hash). */
    @io.micronaut.serde.annotation.Serdeable
    public record User(String username, List<String> roles, List<String> languages, int capacity, boolean disabled) {
    }

    /** What a role change, a password reset or a change of languages and capacity did. */
    public enum Change { CHANGED, NO_SUCH_USER, INVALID_ROLES, PASSWORD_TOO_SHORT, INVALID_LANGUAGES, INVALID_CAPACITY }

    /** Most conversations a counsellor can be given at once. */
    public static final int MAX_CAPACITY = 20;
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}|\\*");

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,31}");
    private final UnifiedJedis redis;
    private final Counsellors counsellors;
    private final Clock clock;
    private final ConsoleSessions sessions;

    public Users(UnifiedJedis redis, Counsellors counsellors, Clock clock, ConsoleSessions sessions) {
        this.redis = redis;
        this.counsellors = counsellors;
        this.clock = clock;
        this.sessions = sessions;
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
        int cap = Math.max(1, Math.min(MAX_CAPACITY, capacity));
        Map<String, String> m = new LinkedHashMap<>();
        m.put("password", PasswordHasher.hash(password));
        m.put("roles", String.join(",", r));
        m.put("languages", String.join(",", langs));
        m.put("capacity", Integer.toString(cap));
        m.put("createdAt", clock.instant().toString());
        boolean replaced = redis.exists(userKey(name));
        // a replaced user starts from the new record only: no field of the old one (e.g. disabled) survives
        redis.del(userKey(name));
        redis.hset(userKey(name), m);
        redis.sadd(allKey(), name);
        if (replaced) {
            sessions.revokeAll(name);
        }
        if (r.contains("COUNSELLOR")) {
            counsellors.register(name, cap, langs);
        } else if (replaced) {
            counsellors.unregister(name);
        }
        return new User(name, r, langs, cap, false);
    }

    public Optional<User> find(String username) {
        if (username == null) {
            return Optional.empty();
        }
        String name = username.trim().toLowerCase(Locale.ROOT);
        return fromRecord(name, redis.hgetAll(userKey(name)));
    }

    /** A user from their stored record (empty when there is none). */
    static Optional<User> fromRecord(String name, Map<String, String> m) {
        if (m == null || m.isEmpty() || m.get("roles") == null) {
            return Optional.empty();
        }
        return Optional.of(new User(name, List.of(m.get("roles").split(",")),
                List.of(m.getOrDefault("languages", "en").split(",")),
                Integer.parseInt(m.getOrDefault("capacity", "1")), "1".equals(m.get("disabled"))));
    }

    /** Every user, by name. */
    public List<User> all() {
        return redis.smembers(allKey()).stream().sorted().map(this::find).flatMap(Optional::stream).toList();
    }

    /**
     * Disables (or enables again) a user: a disabled user cannot sign in, their sessions end at once, and as a
     * counsellor they are offered nothing (set offline; what they held goes back to the queue when its lease lapses).
     *
     * @return false when there is no such user
     */
    public boolean setDisabled(String username, boolean disabled) {
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        if (!validName(name) || !redis.exists(userKey(name))) {
            return false;
        }
        if (disabled) {
            redis.hset(userKey(name), "disabled", "1");
            sessions.revokeAll(name);
            counsellors.offline(name);
        } else {
            redis.hdel(userKey(name), "disabled");
        }
        return true;
    }

    /**
     * Gives a user these roles, keeping their password, languages, capacity and whether they are disabled; their
     * sessions end at once (a narrower role must not outlive the change in an open page), and they become, or stop
     * being, a counsellor.
     */
    public Change setRoles(String username, List<String> roles) {
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        if (!validName(name) || !redis.exists(userKey(name))) {
            return Change.NO_SUCH_USER;
        }
        List<String> r = roles == null ? List.of()
                : roles.stream().map(x -> x.trim().toUpperCase(Locale.ROOT)).distinct().toList();
        if (r.isEmpty() || !ROLES.containsAll(r)) {
            return Change.INVALID_ROLES;
        }
        redis.hset(userKey(name), "roles", String.join(",", r));
        sessions.revokeAll(name);
        User u = find(name).orElseThrow();
        if (r.contains("COUNSELLOR")) {
            counsellors.register(name, u.capacity(), u.languages());
        } else {
            counsellors.unregister(name);
        }
        return Change.CHANGED;
    }

    /**
     * New languages and capacity for a user, keeping the rest of their record (password, roles, disabled). Their
     * sessions go on: nothing they may do changes. As a counsellor they are offered conversations in these languages,
     * up to this many at once, from now on; what they hold stays theirs, also above a lower capacity.
     *
     * @param languages two-letter codes, or {@code *} for every language; at least one
     * @param capacity  1 to {@value #MAX_CAPACITY}
     */
    public Change setLanguagesAndCapacity(String username, List<String> languages, Integer capacity) {
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        if (!validName(name) || !redis.exists(userKey(name))) {
            return Change.NO_SUCH_USER;
        }
        List<String> langs = languages == null ? List.of()
                : languages.stream().map(x -> x.trim().toLowerCase(Locale.ROOT)).filter(x -> !x.isEmpty()).distinct()
                        .toList();
        if (langs.isEmpty() || !langs.stream().allMatch(x -> LANGUAGE.matcher(x).matches())) {
            return Change.INVALID_LANGUAGES;
        }
        if (capacity == null || capacity < 1 || capacity > MAX_CAPACITY) {
            return Change.INVALID_CAPACITY;
        }
        redis.hset(userKey(name), Map.of("languages", String.join(",", langs), "capacity", capacity.toString()));
        if (find(name).orElseThrow().roles().contains("COUNSELLOR")) {
            counsellors.register(name, capacity, langs);      // keeps their presence and what they hold
        }
        return Change.CHANGED;
    }

    /** A new password (hashed); the user's sessions end at once, so whoever had the old one is signed out too. */
    public Change resetPassword(String username, String password) {
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        if (!validName(name) || !redis.exists(userKey(name))) {
            return Change.NO_SUCH_USER;
        }
        if (password == null || password.length() < 10) {
            return Change.PASSWORD_TOO_SHORT;
        }
        redis.hset(userKey(name), "password", PasswordHasher.hash(password));
        sessions.revokeAll(name);
        return Change.CHANGED;
    }

    /** Removes a user: their record goes, their sessions end, and they are no counsellor any more. */
    public boolean remove(String username) {
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        if (!validName(name) || redis.del(userKey(name)) == 0) {
            return false;
        }
        redis.srem(allKey(), name);
        sessions.revokeAll(name);
        counsellors.unregister(name);
        return true;
    }

    /** Whether {@code name} (normalised: trimmed, lower case) is one a user can have. */
    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public long count() {
        return redis.scard(allKey());
    }
}
