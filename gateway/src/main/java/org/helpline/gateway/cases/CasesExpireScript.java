package org.helpline.gateway.cases;

import java.util.List;
import org.helpline.gateway.redis.LuaScript;
import redis.clients.jedis.UnifiedJedis;

/** Typed wrapper of {@code lua/cases_expire.lua}. */
public final class CasesExpireScript {
    /**
     * What one call removed from the head of the records list.
     *
     * @param expired   records closed before the cut-off
     * @param undatable records that could not be read as JSON with a {@code closedAt}
     */
    public record Removed(long expired, long undatable) {
        public long total() {
            return expired + undatable;
        }
    }

    private final LuaScript script;

    public CasesExpireScript(UnifiedJedis redis) {
        this.script = new LuaScript(redis, "cases_expire");
    }

    /** Removes at most {@code limit} records closed before {@code beforeMillis} (or undatable) from the oldest end. */
    public Removed run(long beforeMillis, int limit) {
        List<?> r = (List<?>) script.run(List.of(CaseRecords.recordsKey()),
                List.of(Long.toString(beforeMillis), Integer.toString(limit)));
        return new Removed((Long) r.get(0), (Long) r.get(1));
    }
}
