package org.helpline.gateway.jobs;

import java.util.List;
import java.util.Locale;
import org.helpline.gateway.redis.LuaScript;
import redis.clients.jedis.UnifiedJedis;

/** Typed wrapper of {@code lua/job_lease.lua}. */
public final class JobLeaseScript {
    /** What asking for (or giving up) a job's lease did. */
    public enum Outcome {
        /** It was free: this instance runs the job now. */
        ACQUIRED,
        /** This instance held it and still does, for another lease length. */
        RENEWED,
        /** Another instance holds it: this one skips the job. */
        TAKEN,
        RELEASED,
        NOT_OWNER;

        /** True when the caller may run the job. */
        public boolean held() {
            return this == ACQUIRED || this == RENEWED;
        }
    }

    private final LuaScript script;

    public JobLeaseScript(UnifiedJedis redis) {
        this.script = new LuaScript(redis, "job_lease");
    }

    /** Takes the job's lease if it is free, renews it if {@code owner} holds it. */
    public Outcome hold(Job job, String owner, long leaseMillis) {
        return run(job, owner, leaseMillis, "hold");
    }

    /** Gives the job's lease up if {@code owner} holds it, so another instance takes the job over at once. */
    public Outcome release(Job job, String owner) {
        return run(job, owner, 1, "release");
    }

    private Outcome run(Job job, String owner, long leaseMillis, String mode) {
        Object r = script.run(List.of(ClusterJobs.leaseKey(job)),
                List.of(owner, Long.toString(Math.max(1, leaseMillis)), mode));
        return Outcome.valueOf(((String) r).toUpperCase(Locale.ROOT));
    }
}
