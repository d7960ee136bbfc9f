package org.helpline.gateway.console;

import jakarta.inject.Singleton;
import java.util.Locale;
import redis.clients.jedis.UnifiedJedis;

/**
 * At most 5 failed log-ins per username per 15 minutes, across instances.
 *
 * <p>Keys: {@code login:{login}:failures:<username>} STRING counter, 15 minutes.
 */
@Singleton
public class LoginThrottle {
    private static final int MAX_FAILURES = 5;
    private static final long WINDOW_SECONDS = 15 * 60;
    private final UnifiedJedis redis;

    public LoginThrottle(UnifiedJedis redis) {
        this.redis = redis;
    }

    private static String key(String username) {
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        return "login:{login}:failures:" + (name.length() > 64 ? name.substring(0, 64) : name);
    }

    public boolean allow(String username) {
        String v = redis.get(key(username));
        return v == null || Integer.parseInt(v) < MAX_FAILURES;
    }

    public void failed(String username) {
        long n = redis.incr(key(username));
        if (n == 1) {
            redis.expire(key(username), WINDOW_SECONDS);
        }
    }

    public void succeeded(String username) {
        redis.del(key(username));
    }
}
