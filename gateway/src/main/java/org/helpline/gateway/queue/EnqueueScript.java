package org.helpline.gateway.queue;

import java.util.List;
import org.helpline.gateway.redis.LuaScript;
import org.helpline.nlp.RiskTier;
import redis.clients.jedis.UnifiedJedis;

/** Typed wrapper of {@code lua/queue_enqueue.lua}. */
public final class EnqueueScript {
    /** What the enqueue did; {@code rank} is the 0-based place in line, -1 when not waiting. */
    public record Result(Outcome outcome, long rank) {
    }

    public enum Outcome { UNCHANGED, ADDED, RAISED }

    private final LuaScript script;

    public EnqueueScript(UnifiedJedis redis) {
        this.script = new LuaScript(redis, "queue_enqueue");
    }

    /** {@code writes}: the language the young person writes in when we do not ship it, or {@code null}. */
    public Result run(String conversationId, RiskTier tier, long nowMillis, long offsetMillis, String reasons,
                      String language, String writes) {
        List<?> r = (List<?>) script.run(
                List.of(LiveQueue.waitingKey(), LiveQueue.entryKey(conversationId), LiveQueue.waitingKey(language)),
                List.of(conversationId, Integer.toString(tier.ordinal()), tier.name(), Long.toString(nowMillis),
                        Long.toString(offsetMillis), reasons, language, writes == null ? "" : writes));
        return new Result(Outcome.values()[((Long) r.get(0)).intValue()], (Long) r.get(1));
    }
}
