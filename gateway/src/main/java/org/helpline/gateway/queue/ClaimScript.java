package org.helpline.gateway.queue;

import java.util.List;
import java.util.Optional;
import org.helpline.gateway.redis.LuaScript;
import redis.clients.jedis.UnifiedJedis;

/** Typed wrapper of {@code lua/queue_claim.lua}. */
public final class ClaimScript {
    private final LuaScript script;

    public ClaimScript(UnifiedJedis redis) {
        this.script = new LuaScript(redis, "queue_claim");
    }

    public Optional<String> run(String counsellor, long nowMillis, long leaseMillis, int scanLimit) {
        Object r = script.run(
                List.of(LiveQueue.waitingKey(), LiveQueue.leasesKey(), LiveQueue.counsellorKey(counsellor),
                        LiveQueue.heldKey(counsellor), LiveQueue.waitsKey(), LiveQueue.counsellorsKey()),
                List.of(counsellor, Long.toString(nowMillis), Long.toString(leaseMillis), LiveQueue.ENTRY_PREFIX,
                        Integer.toString(scanLimit), LiveQueue.WAITING_LANGUAGE_PREFIX,
                        Integer.toString(LiveQueue.RECENT_WAITS), LiveQueue.COUNSELLOR_PREFIX, LiveQueue.HELD_PREFIX));
        return r instanceof String id ? Optional.of(id) : Optional.empty();
    }
}
