package org.helpline.gateway.console;

import org.helpline.gateway.live.LiveEvents;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Console sessions held server-side: the signed cookie names a session, and every request checks that the session
 * still exists and reads the user's roles from the user's record (one pipelined round trip). A signed token alone used
 * to be enough for its 12 hours, whatever happened to the user since: sign-out, a new password, a narrower role,
 * removal. Now each of these ends the sessions at once ({@link #revokeAll}, {@link #close}); a disabled user's
 * sessions are refused too.
 *
 * <p>Keys: {@code users:{users}:sid:<session id>} STRING the username, expiring with the token;
 * {@code users:{users}:sessions-of:<name>} SET of the user's session ids (to end them all).
 */
@Singleton
public class ConsoleSessions {
    /** The token's claim that carries the session id. */
    public static final String CLAIM = "sid";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final UnifiedJedis redis;
    private final LiveEvents events;
    private final long ttlSeconds;

    public ConsoleSessions(UnifiedJedis redis, LiveEvents events,
                           @Value("${micronaut.security.token.generator.access-token.expiration:3600}") long ttl) {
        this.redis = redis;
        this.events = events;
        this.ttlSeconds = Math.max(60, ttl);
    }

    static String sessionKey(String sid) {
        return "users:{users}:sid:" + sid;
    }

    static String sessionsOfKey(String name) {
        return "users:{users}:sessions-of:" + name;
    }

    /** A new session for a user who just signed in; its id goes into the token. */
    public String open(String name) {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        String sid = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        try (AbstractPipeline p = redis.pipelined()) {
            p.set(sessionKey(sid), name, SetParams.setParams().ex(ttlSeconds));
            p.sadd(sessionsOfKey(name), sid);
            p.expire(sessionsOfKey(name), ttlSeconds);
        }
        return sid;
    }

    /**
     * The user a request's token speaks for, if its session is still open and the user still exists and is enabled:
     * roles, languages and capacity as the user's record says now.
     */
    public Optional<Users.User> check(String name, String sid) {
        if (name == null || sid == null || sid.isEmpty()) {
            return Optional.empty();
        }
        Response<String> owner;
        Response<Map<String, String>> record;
        try (AbstractPipeline p = redis.pipelined()) {
            owner = p.get(sessionKey(sid));
            record = p.hgetAll(Users.userKey(name));
        }
        if (!name.equals(owner.get())) {
            return Optional.empty();
        }
        return Users.fromRecord(name, record.get()).filter(u -> !u.disabled());
    }

    /** Sign-out: this session ends, here and on every instance, and its live event streams close. */
    public void close(String sid) {
        if (sid == null || sid.isEmpty()) {
            return;
        }
        String name = redis.get(sessionKey(sid));
        redis.del(sessionKey(sid));
        if (name != null) {
            redis.srem(sessionsOfKey(name), sid);
            events.endSessions(name, sid);
        }
    }

    /** Every session of a user ends (new password, new roles, disabled, removed). */
    public void revokeAll(String name) {
        Set<String> sids = redis.smembers(sessionsOfKey(name));
        try (AbstractPipeline p = redis.pipelined()) {
            for (String sid : sids) {
                p.del(sessionKey(sid));
            }
            p.del(sessionsOfKey(name));
        }
        events.endSessions(name, "*");
    }
}
