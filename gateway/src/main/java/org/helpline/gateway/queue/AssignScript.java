package org.helpline.gateway.queue;

import java.util.List;
import java.util.Locale;
import org.helpline.gateway.redis.LuaScript;
import redis.clients.jedis.UnifiedJedis;

/** Typed wrapper of {@code lua/queue_assign.lua}. */
public final class AssignScript {
    /** What a supervisor's assignment did. */
    public enum Outcome { ASSIGNED, NOT_WAITING, NO_SUCH_COUNSELLOR, TARGET_UNAVAILABLE, TARGET_FULL }

    private final LuaScript script;

    public AssignScript(UnifiedJedis redis) {
        this.script = new LuaScript(redis, "queue_assign");
    }

    public Outcome run(String conversation, String to, long nowMillis, long leaseMillis, int keepWaits) {
        Object r = script.run(List.of(LiveQueue.waitingKey(), LiveQueue.leasesKey(), LiveQueue.entryKey(conversation),
                        LiveQueue.counsellorKey(to), LiveQueue.heldKey(to), LiveQueue.waitsKey()),
                List.of(conversation, to, Long.toString(nowMillis), Long.toString(leaseMillis),
                        LiveQueue.WAITING_LANGUAGE_PREFIX, Integer.toString(keepWaits)));
        return Outcome.valueOf(((String) r).toUpperCase(Locale.ROOT));
    }
}
