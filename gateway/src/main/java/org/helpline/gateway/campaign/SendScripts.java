package org.helpline.gateway.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.helpline.gateway.redis.LuaScript;
import redis.clients.jedis.UnifiedJedis;

/**
 * Typed wrappers of the four sending scripts: {@code lua/campaign_claim.lua} (next recipients under a lease, at the
 * campaign's rate), {@code lua/campaign_hold.lua} (still mine? just before sending), {@code lua/campaign_complete.lua}
 * (what happened to one) and {@code lua/campaign_expire.lua} (take over recipients whose worker died).
 */
final class SendScripts {
    /** What a claim returned. */
    sealed interface Claim {
    }

    record Recipients(List<String> ids) implements Claim {
    }

    /** Come back in {@code millis} (the rate, or the next deferred recipient; -1: nothing left here). */
    record Wait(long millis, boolean forRate) implements Claim {
    }

    record NotRunning() implements Claim {
    }

    record Finished() implements Claim {
    }

    /** What to record for a recipient. */
    enum Mode { DONE, DEFER, RETRY, REQUEUE }

    /** A recipient taken over from a dead worker, with when it was first handed out. */
    record Expired(String id, String previousOwner, long claimedAt) {
    }

    private final LuaScript claim;
    private final LuaScript hold;
    private final LuaScript complete;
    private final LuaScript expire;

    SendScripts(UnifiedJedis redis) {
        this.claim = new LuaScript(redis, "campaign_claim");
        this.hold = new LuaScript(redis, "campaign_hold");
        this.complete = new LuaScript(redis, "campaign_complete");
        this.expire = new LuaScript(redis, "campaign_expire");
    }

    Claim claim(String campaign, long now, String owner, long leaseMillis, int max, double rate, double burst) {
        List<?> r = (List<?>) claim.run(
                List.of(CampaignKeys.campaign(campaign), CampaignKeys.pending(campaign), CampaignKeys.inflight(campaign),
                        CampaignKeys.claims(campaign), CampaignKeys.deferred(campaign), CampaignKeys.bucket(campaign),
                        CampaignKeys.running()),
                List.of(Long.toString(now), owner, Long.toString(leaseMillis), Integer.toString(max),
                        Double.toString(rate), Double.toString(burst), campaign));
        long code = (Long) r.get(0);
        if (code == 0) {
            List<String> ids = new ArrayList<>(r.size() - 1);
            for (int i = 1; i < r.size(); i++) {
                ids.add((String) r.get(i));
            }
            return new Recipients(ids);
        }
        if (code == 1 || code == 2) {
            return new Wait((Long) r.get(1), code == 1);
        }
        return code == 3 ? new NotRunning() : new Finished();
    }

    /** True (and the lease renewed from {@code now}) while {@code owner} holds the recipient; false once taken over. */
    boolean hold(String campaign, String id, String owner, long now, long leaseMillis) {
        Object r = hold.run(List.of(CampaignKeys.inflight(campaign), CampaignKeys.claims(campaign)),
                List.of(id, owner, Long.toString(now), Long.toString(leaseMillis)));
        return ((Long) r) == 1L;
    }

    /** Returns false when the caller no longer held the recipient (its lease was taken over). */
    boolean complete(String campaign, String id, String owner, Mode mode, String count, String count2, long notBefore,
                     boolean refund, long now) {
        Object r = complete.run(
                List.of(CampaignKeys.campaign(campaign), CampaignKeys.pending(campaign), CampaignKeys.inflight(campaign),
                        CampaignKeys.claims(campaign), CampaignKeys.deferred(campaign), CampaignKeys.counts(campaign),
                        CampaignKeys.bucket(campaign), CampaignKeys.attempts(campaign), CampaignKeys.running()),
                List.of(id, owner, mode.name().toLowerCase(Locale.ROOT), count == null ? "" : count,
                        count2 == null ? "" : count2, Long.toString(notBefore), refund ? "1" : "0",
                        Long.toString(now), campaign));
        return ((Long) r) == 1L;
    }

    List<Expired> expire(String campaign, long now, String owner, long leaseMillis, int max) {
        List<?> r = (List<?>) expire.run(List.of(CampaignKeys.inflight(campaign), CampaignKeys.claims(campaign)),
                List.of(Long.toString(now), owner, Long.toString(leaseMillis), Integer.toString(max)));
        List<Expired> out = new ArrayList<>();
        for (int i = 0; i + 1 < r.size(); i += 2) {
            String previous = (String) r.get(i + 1);
            int bar = previous.lastIndexOf('|');
            out.add(new Expired((String) r.get(i), previous.substring(0, Math.max(0, bar)),
                    Long.parseLong(previous.substring(bar + 1))));
        }
        return out;
    }
}
