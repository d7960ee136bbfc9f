package org.helpline.gateway.queue;

import java.util.ArrayList;
import java.util.List;
import org.helpline.gateway.redis.LuaScript;
import redis.clients.jedis.UnifiedJedis;

/** Typed wrapper of {@code lua/queue_expire.lua}. */
public final class ExpireScript {
    /** A conversation that went back to the queue, and who had held it. */
    public record Returned(String conversation, String counsellor) {
    }

    private final LuaScript script;

    public ExpireScript(UnifiedJedis redis) {
        this.script = new LuaScript(redis, "queue_expire");
    }

    public List<Returned> run(long nowMillis, int limit) {
        List<?> r = (List<?>) script.run(List.of(LiveQueue.waitingKey(), LiveQueue.leasesKey()),
                List.of(Long.toString(nowMillis), Integer.toString(limit), LiveQueue.ENTRY_PREFIX,
                        LiveQueue.HELD_PREFIX, LiveQueue.LOST_PREFIX, LiveQueue.WAITING_LANGUAGE_PREFIX));
        List<Returned> out = new ArrayList<>();
        for (int i = 0; i + 1 < r.size(); i += 2) {
            out.add(new Returned((String) r.get(i), (String) r.get(i + 1)));
        }
        return out;
    }
}
