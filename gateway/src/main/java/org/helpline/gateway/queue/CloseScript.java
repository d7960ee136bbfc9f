package org.helpline.gateway.queue;

import java.util.List;
import org.helpline.gateway.redis.LuaScript;
import redis.clients.jedis.UnifiedJedis;

/** Typed wrapper of {@code lua/queue_close.lua}. */
public final class CloseScript {
    private final LuaScript script;

    public CloseScript(UnifiedJedis redis) {
        this.script = new LuaScript(redis, "queue_close");
    }

    /** Returns true when closed, false when the counsellor does not hold the conversation. */
    public boolean run(String conversation, String counsellor, String caseJson) {
        Object r = script.run(List.of(LiveQueue.leasesKey(), LiveQueue.entryKey(conversation),
                        LiveQueue.heldKey(counsellor), LiveQueue.casesKey()),
                List.of(conversation, counsellor, caseJson));
        return "closed".equals(r);
    }
}
