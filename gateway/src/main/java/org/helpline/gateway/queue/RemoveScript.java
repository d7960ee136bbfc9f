package org.helpline.gateway.queue;

import java.util.List;
import java.util.Locale;
import org.helpline.gateway.redis.LuaScript;
import redis.clients.jedis.UnifiedJedis;

/** Typed wrapper of {@code lua/queue_remove.lua}. */
public final class RemoveScript {
    /** What removal found. */
    public enum Outcome { REMOVED, HELD, ABSENT }

    private final LuaScript script;

    public RemoveScript(UnifiedJedis redis) {
        this.script = new LuaScript(redis, "queue_remove");
    }

    public Outcome run(String conversation) {
        Object r = script.run(List.of(LiveQueue.waitingKey(), LiveQueue.entryKey(conversation)),
                List.of(conversation, LiveQueue.WAITING_LANGUAGE_PREFIX));
        return Outcome.valueOf(((String) r).toUpperCase(Locale.ROOT));
    }
}
