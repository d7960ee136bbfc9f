package org.helpline.gateway.cases;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.helpline.gateway.jobs.ClusterJobs;
import org.helpline.gateway.jobs.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * Keeps the reports' case records ({@code cases:{cases}:records}, {@link CaseRecords}) within
 * {@code helpline.reports.retention}: the cluster job {@code reports-retention}, every
 * {@code helpline.jobs.reports-retention}, removes the records closed before now − retention from the oldest end of
 * the list ({@code lua/cases_expire.lua}). The contacts' own histories are not touched: they expire with their
 * conversation ({@code helpline.privacy.retention}).
 */
@Singleton
public class RecordsRetention {
    private static final Logger LOG = LoggerFactory.getLogger(RecordsRetention.class);
    /** Records removed per script call: a few milliseconds of Redis at most, so a backlog never stalls the queue. */
    static final int BATCH = 1000;

    /** What one sweep removed: records past the retention, and records that could not be dated. */
    public record Sweep(long expired, long undatable) {
    }

    private final CasesExpireScript script;
    private final ClusterJobs jobs;
    private final Clock clock;
    private final long retentionMillis;

    public RecordsRetention(UnifiedJedis redis, ClusterJobs jobs, Clock clock, ReportsConfiguration config) {
        this.script = new CasesExpireScript(redis);
        this.jobs = jobs;
        this.clock = clock;
        this.retentionMillis = config.retention().toMillis();
    }

    // the first sweep soon after start-up, not an hour later: an instance restarted more often than the period would
    // otherwise never sweep
    @Scheduled(fixedDelay = "${helpline.jobs.reports-retention:1h}",
            initialDelay = "${helpline.jobs.reports-retention-first:1m}")
    void scheduled() {
        jobs.run(Job.REPORTS_RETENTION, this::sweep);
    }

    /** Removes what is past the retention, a batch at a time while this instance still holds the job. */
    public Sweep sweep(ClusterJobs.Lease lease) {
        long before = clock.millis() - retentionMillis;
        long expired = 0;
        long undatable = 0;
        CasesExpireScript.Removed r;
        do {
            r = script.run(before, BATCH);
            expired += r.expired();
            undatable += r.undatable();
        } while (r.total() == BATCH && lease.stillHeld());
        if (expired > 0) {
            LOG.info("Report records past the retention removed: {}", expired);
        }
        if (undatable > 0) {
            // the record's content is never logged: it may be anything
            LOG.warn("Report records that could not be read removed: {}", undatable);
        }
        return new Sweep(expired, undatable);
    }
}
