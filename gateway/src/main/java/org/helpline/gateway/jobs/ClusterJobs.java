package org.helpline.gateway.jobs;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * Runs a cluster-wide {@link Job} only on the instance that holds its lease, so that with any number of gateway
 * instances each job runs once per period: every instance's scheduler ticks, one instance's tick does the work.
 * The lease is taken and renewed at each run and given up when the instance stops ({@code lua/job_lease.lua}).
 *
 * <p>Keys: {@code jobs:{jobs}:lease:<job>} STRING the owner token of the instance running the job (expires after
 * {@link JobsConfiguration#lease(Job)}).
 */
@Singleton
public class ClusterJobs {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterJobs.class);
    /** How many recent run times are kept per job, for {@link #runs(Job)}. */
    static final int RECENT_RUNS = 200;

    /** The lease a running job holds: long work checks it is still held before each step that must not be doubled. */
    public interface Lease {
        /** Renews the lease; false when another instance has taken the job over (the work must stop). */
        boolean stillHeld();
    }

    /** What this instance ran of a job: how many times, and when (the latest {@value #RECENT_RUNS}, oldest first). */
    public record Runs(long count, List<Instant> recent) {
    }

    private final JobLeaseScript script;
    private final JobsConfiguration config;
    private final Clock clock;
    private final String owner = "i-" + UUID.randomUUID();
    private final Map<Job, Boolean> holding = new EnumMap<>(Job.class);
    private final Map<Job, Long> counts = new EnumMap<>(Job.class);
    private final Map<Job, Deque<Instant>> recent = new EnumMap<>(Job.class);
    private volatile boolean stopped;

    public ClusterJobs(UnifiedJedis redis, JobsConfiguration config, Clock clock) {
        this.script = new JobLeaseScript(redis);
        this.config = config;
        this.clock = clock;
    }

    public static String leaseKey(Job job) {
        return "jobs:{jobs}:lease:" + job.key();
    }

    /**
     * Runs {@code work} if this instance holds (or now takes) the job's lease, and renews the lease afterwards, so
     * that a run longer than expected does not hand the job to another instance between two runs.
     *
     * @return true when the work ran here
     */
    public boolean run(Job job, Consumer<Lease> work) {
        if (stopped) {
            return false;
        }
        long leaseMs = config.lease(job).toMillis();
        try {
            JobLeaseScript.Outcome o = script.hold(job, owner, leaseMs);
            noteHolding(job, o.held());
            if (!o.held()) {
                return false;
            }
            record(job);
            work.accept(() -> {
                boolean held = script.hold(job, owner, leaseMs).held();
                noteHolding(job, held);
                return held;
            });
            script.hold(job, owner, leaseMs);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Job {} skipped ({})", job.key(), e.getClass().getSimpleName());
            return false;
        }
    }

    /** What this instance ran of the job since it started. */
    public synchronized Runs runs(Job job) {
        return new Runs(counts.getOrDefault(job, 0L), List.copyOf(recent.getOrDefault(job, new ArrayDeque<>())));
    }

    private synchronized void record(Job job) {
        counts.merge(job, 1L, Long::sum);
        Deque<Instant> times = recent.computeIfAbsent(job, j -> new ArrayDeque<>());
        times.addLast(clock.instant());
        while (times.size() > RECENT_RUNS) {
            times.removeFirst();
        }
    }

    private synchronized void noteHolding(Job job, boolean held) {
        Boolean before = holding.put(job, held);
        if (held && !Boolean.TRUE.equals(before)) {
            LOG.info("This instance runs job {} now", job.key());
        } else if (!held && Boolean.TRUE.equals(before)) {
            LOG.info("Job {} is run by another instance now", job.key());
        }
    }

    /** Gives up the leases this instance holds, so another instance takes the jobs over at its next tick. */
    @PreDestroy
    void releaseAll() {
        stopped = true;
        for (Job job : Job.values()) {
            try {
                script.release(job, owner);
            } catch (RuntimeException e) {
                // Redis gone: the lease expires by itself
            }
        }
    }
}
