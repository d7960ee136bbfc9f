package org.helpline.gateway.campaign;

import java.util.ArrayList;
import java.util.List;
import org.helpline.gateway.redis.LuaScript;
import redis.clients.jedis.UnifiedJedis;

/** Typed wrapper of {@code lua/campaign_audience.lua}: an audience counted (preview) or made a campaign's (start). */
final class AudienceScript {
    private final LuaScript script;

    AudienceScript(UnifiedJedis redis) {
        this.script = new LuaScript(redis, "campaign_audience");
    }

    /** The audience size, then the count in each breakdown set. */
    List<Long> preview(Campaign.Audience audience, String scratchKey, List<String> breakdown) {
        List<String> keys = keys(audience, scratchKey, "-", breakdown);
        List<?> r = (List<?>) script.run(keys, args("preview", audience, breakdown.size(), 60, 0, "-"));
        List<Long> out = new ArrayList<>();
        r.forEach(o -> out.add((Long) o));
        return out;
    }

    /** Starts a scheduled campaign whose time has come; the audience size, or -1 if it was not due or not scheduled. */
    long start(Campaign c, long nowMillis) {
        List<String> keys = keys(c.audience(), CampaignKeys.pending(c.id()), c.id(), List.of());
        List<?> r = (List<?>) script.run(keys, args("start", c.audience(), 0, 0, nowMillis, c.id()));
        return (Long) r.get(0);
    }

    private static List<String> keys(Campaign.Audience a, String dest, String campaign, List<String> breakdown) {
        List<String> keys = new ArrayList<>(List.of(CampaignKeys.subscribed(), dest,
                CampaignKeys.campaign(campaign), CampaignKeys.running(), CampaignKeys.counts(campaign),
                CampaignKeys.scratch(campaign.equals("-") ? "preview-" + Thread.currentThread().getId() : campaign)));
        a.tags().forEach(t -> keys.add(CampaignKeys.tag(t)));
        a.languages().forEach(l -> keys.add(CampaignKeys.language(l)));
        a.channels().forEach(ch -> keys.add(CampaignKeys.channel(ch)));
        keys.addAll(breakdown);
        return keys;
    }

    private static List<String> args(String mode, Campaign.Audience a, int breakdown, int ttl, long now, String id) {
        return List.of(mode, Integer.toString(a.tags().size()), Integer.toString(a.languages().size()),
                Integer.toString(a.channels().size()), Integer.toString(breakdown), Integer.toString(ttl),
                Long.toString(now), id);
    }
}
