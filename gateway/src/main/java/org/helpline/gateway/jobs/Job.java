package org.helpline.gateway.jobs;

/** The background jobs that must run on one gateway instance at a time, whatever the number of instances. */
public enum Job {
    /** Claimed conversations whose lease expired go back to the queue, and their counsellor is told. */
    EXPIRE_LEASES("expire-leases"),
    /** Waiting young people are told their better place in line (twice from two instances would be one too many). */
    POSITION_UPDATES("position-updates"),
    /** A sample of queue depth and longest wait for the supervisor's chart (two instances made doubled points). */
    SAMPLE_HISTORY("sample-history"),
    /** Silent counsellors and waits past target alerted, abandoned waiting entries ended, lapsed presence set offline. */
    LIVENESS("liveness"),
    /** The reports' case records past {@code helpline.reports.retention} removed (idempotent: once, to save work). */
    REPORTS_RETENTION("reports-retention");

    private final String key;

    Job(String key) {
        this.key = key;
    }

    /** The job's name in its Redis key. */
    public String key() {
        return key;
    }
}
