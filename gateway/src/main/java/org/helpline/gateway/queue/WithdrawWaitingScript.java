package org.helpline.gateway.queue;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Locale;
import org.helpline.gateway.redis.LuaScript;
import redis.clients.jedis.UnifiedJedis;

/** Typed wrapper of {@code lua/queue_withdraw_waiting.lua}. */
public final class WithdrawWaitingScript {
    /** What the withdrawal found. */
    public enum Outcome { REMOVED, HELD, CLOSED, ABSENT }

    /**
     * What was done and, when {@link Outcome#REMOVED}, the entry that left: the tier it waited at, when it reached
     * the queue (ms) and when a counsellor first took it ({@code null} when nobody had).
     */
    public record Result(Outcome outcome, @Nullable String tierName, @Nullable Long enqueuedAt,
                         @Nullable Long firstClaimedAt) {
    }

    private final LuaScript script;

    public WithdrawWaitingScript(UnifiedJedis redis) {
        this.script = new LuaScript(redis, "queue_withdraw_waiting");
    }

    public Result run(String conversation) {
        List<?> r = (List<?>) script.run(List.of(LiveQueue.waitingKey(), LiveQueue.entryKey(conversation)),
                List.of(conversation, LiveQueue.WAITING_LANGUAGE_PREFIX));
        Outcome outcome = Outcome.valueOf(((String) r.get(0)).toUpperCase(Locale.ROOT));
        if (outcome != Outcome.REMOVED) {
            return new Result(outcome, null, null, null);
        }
        return new Result(outcome, (String) r.get(1), millis((String) r.get(2)), millis((String) r.get(3)));
    }

    private static Long millis(String s) {
        return s.isEmpty() ? null : Long.parseLong(s);
    }
}
