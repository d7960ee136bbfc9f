package org.helpline.gateway.jobs;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How often each cluster-wide job runs ({@code helpline.jobs.*}, e.g. {@code HELPLINE_JOBS_POSITION_UPDATES=30s}).
 * The instance running a job holds its lease for two periods and a second, renewing it at each run: if that instance
 * dies, another takes the job over within that time (at once when it stops cleanly: it gives its leases up).
 *
 * @param expireLeases    how often claimed conversations whose lease ran out go back to the queue
 * @param positionUpdates how often waiting young people may be told a better place in line; nobody is told twice
 *                        within this period
 * @param history         how often queue depth and longest wait are sampled for the supervisor's chart
 * @param liveness        how often the liveness checks run (silent counsellors, waits past target, abandoned
 *                        waiting entries, lapsed presence: {@code helpline.liveness.*})
 * @param reportsRetention how often the reports' case records past {@code helpline.reports.retention} are removed:
 *                        a record stays at most this much longer than the retention
 */
@ConfigurationProperties("helpline.jobs")
public record JobsConfiguration(@Bindable(defaultValue = "1s") Duration expireLeases,
                                @Bindable(defaultValue = "30s") Duration positionUpdates,
                                @Bindable(defaultValue = "60s") Duration history,
                                @Bindable(defaultValue = "15s") Duration liveness,
                                @Bindable(defaultValue = "1h") Duration reportsRetention) {

    /** The period of a job. */
    public Duration period(Job job) {
        return switch (job) {
            case EXPIRE_LEASES -> expireLeases;
            case POSITION_UPDATES -> positionUpdates;
            case SAMPLE_HISTORY -> history;
            case LIVENESS -> liveness;
            case REPORTS_RETENTION -> reportsRetention;
        };
    }

    /** How long the instance running a job holds it without renewing: two periods and a second. */
    public Duration lease(Job job) {
        return period(job).multipliedBy(2).plusSeconds(1);
    }
}
