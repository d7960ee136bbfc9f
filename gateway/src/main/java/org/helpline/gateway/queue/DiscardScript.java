package org.helpline.gateway.queue;

import java.util.List;
import java.util.Locale;
import org.helpline.gateway.redis.LuaScript;
import redis.clients.jedis.UnifiedJedis;

/** Typed wrapper of {@code lua/queue_discard.lua}. */
public final class DiscardScript {
    /** The state the entry had before it was discarded. */
    public enum Outcome { WAITING, CLAIMED, CLOSED, ABSENT }

    private final LuaScript script;

    public DiscardScript(UnifiedJedis redis) {
        this.script = new LuaScript(redis, "queue_discard");
    }

    public Outcome run(String conversation) {
        Object r = script.run(List.of(LiveQueue.waitingKey(), LiveQueue.entryKey(conversation), LiveQueue.leasesKey(),
                        LiveQueue.erasuresKey()),
                List.of(conversation, LiveQueue.WAITING_LANGUAGE_PREFIX, LiveQueue.HELD_PREFIX));
        return Outcome.valueOf(((String) r).toUpperCase(Locale.ROOT));
    }
}
