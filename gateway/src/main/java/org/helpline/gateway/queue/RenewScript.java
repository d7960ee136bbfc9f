package org.helpline.gateway.queue;

import java.util.ArrayList;
import java.util.List;
import org.helpline.gateway.redis.LuaScript;
import redis.clients.jedis.UnifiedJedis;

/** Typed wrapper of {@code lua/queue_renew.lua}. */
public final class RenewScript {
    /** Conversations still held (lease renewed) and those lost since the last heartbeat. */
    @io.micronaut.serde.annotation.Serdeable
    public record Result(List<String> held, List<String> lost) {
    }

    private final LuaScript script;

    public RenewScript(UnifiedJedis redis) {
        this.script = new LuaScript(redis, "queue_renew");
    }

    public Result run(String counsellor, long nowMillis, long leaseMillis) {
        List<?> r = (List<?>) script.run(
                List.of(LiveQueue.leasesKey(), LiveQueue.heldKey(counsellor), LiveQueue.lostKey(counsellor),
                        LiveQueue.counsellorKey(counsellor)),
                List.of(counsellor, Long.toString(nowMillis), Long.toString(leaseMillis), LiveQueue.ENTRY_PREFIX));
        List<String> held = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        boolean afterBar = false;
        for (Object o : r) {
            String s = (String) o;
            if ("|".equals(s)) {
                afterBar = true;
            } else {
                (afterBar ? lost : held).add(s);
            }
        }
        return new Result(held, lost);
    }
}
