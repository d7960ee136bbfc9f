package org.helpline.gateway.campaign;

import java.util.List;
import org.helpline.gateway.redis.LuaScript;
import redis.clients.jedis.UnifiedJedis;

/** Typed wrapper of {@code lua/campaign_transition.lua}: a state change that cannot overwrite a concurrent one. */
final class TransitionScript {
    private final LuaScript script;

    TransitionScript(UnifiedJedis redis) {
        this.script = new LuaScript(redis, "campaign_transition");
    }

    boolean run(String campaign, String expected, String next) {
        Object r = script.run(List.of(CampaignKeys.campaign(campaign), CampaignKeys.running()),
                List.of(expected, next, campaign));
        return ((Long) r) == 1L;
    }
}
