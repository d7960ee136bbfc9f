package org.helpline.gateway.console;

import java.util.List;
import org.helpline.gateway.redis.LuaScript;
import redis.clients.jedis.UnifiedJedis;

/**
 * Typed wrapper of {@code lua/login_attempt.lua}: the log-in budget per username and per client address, taken
 * before any password is hashed.
 *
 * <p>Keys: {@code users:{users}:attempts:<name>} STRING attempts at a username that exists (never created for one
 * that does not); {@code users:{users}:attempts-from:<address>} STRING attempts from a client address; both expire
 * after the window. They share the users' hash tag because the script also reads the user's record.
 */
@jakarta.inject.Singleton
public final class LoginAttemptScript {
    /** What the budget allows. */
    public enum Verdict { CHECK, UNKNOWN, USER_LOCKED, ADDRESS_LOCKED }

    /** {@code storedHash} and {@code disabled} only with {@link Verdict#CHECK}. */
    public record Attempt(Verdict verdict, String storedHash, boolean disabled) {
    }

    private final LuaScript script;
    private final LoginConfiguration config;

    public LoginAttemptScript(UnifiedJedis redis, LoginConfiguration config) {
        this.script = new LuaScript(redis, "login_attempt");
        this.config = config;
    }

    static String userBudgetKey(String name) {
        return "users:{users}:attempts:" + name;
    }

    static String addressBudgetKey(String address) {
        return "users:{users}:attempts-from:" + address;
    }

    /** Takes one attempt for {@code name} (already normalised) from {@code address}. */
    public Attempt take(String name, String address) {
        List<?> r = (List<?>) run("take", name, address);
        String v = (String) r.get(0);
        return switch (v) {
            case "check" -> new Attempt(Verdict.CHECK, (String) r.get(1), "1".equals(r.get(2)));
            case "unknown" -> new Attempt(Verdict.UNKNOWN, null, false);
            case "user-locked" -> new Attempt(Verdict.USER_LOCKED, null, false);
            case "address-locked" -> new Attempt(Verdict.ADDRESS_LOCKED, null, false);
            default -> throw new IllegalStateException("login_attempt.lua answered " + v);
        };
    }

    /** After a right password: the username's attempts are cleared and the address gets its attempt back. */
    public void succeeded(String name, String address) {
        run("succeeded", name, address);
    }

    private Object run(String mode, String name, String address) {
        return script.run(List.of(Users.userKey(name), userBudgetKey(name), addressBudgetKey(address)),
                List.of(mode, Integer.toString(config.maxPerUser()), Integer.toString(config.maxPerAddress()),
                        Long.toString(Math.max(1, config.window().toSeconds()))));
    }
}
