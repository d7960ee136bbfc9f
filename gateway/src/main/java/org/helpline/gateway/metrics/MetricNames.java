package org.helpline.gateway.metrics;

import java.util.List;

/**
 * Every metric of ours, by its Micrometer name; Prometheus shows dots as underscores, with {@code _total} after a
 * counter, {@code _seconds_count/_sum/_max/_bucket} after a timer and {@code _seconds} after a gauge in seconds. Label
 * values are fixed words of ours (a tier, an outcome, a status): never a number, a conversation id or a text. The
 * alerts ({@code ops/prometheus/alerts.yml}) and the dashboard ({@code ops/grafana/helpline.json}) are built on these
 * names, and a test holds them to what a scrape shows.
 */
public final class MetricNames {
    /** Timer: a Twilio webhook from arrival to answer; {@code webhook} messages|status, {@code outcome}. */
    public static final String WEBHOOK_REQUESTS = "helpline.webhook.requests";
    /** Timer: one message's classification (language, intent, risk); {@code tier} the risk tier it got. */
    public static final String CLASSIFICATION = "helpline.classification";
    /** Counter: conversations put in the live queue or raised there; {@code tier}, {@code outcome} added|raised. */
    public static final String ESCALATIONS = "helpline.escalations";
    /** Counter: conversations a counsellor took with "help next". */
    public static final String CLAIMS = "helpline.queue.claims";
    /** Counter: claimed conversations whose lease expired (the console went away) and went back to the queue. */
    public static final String LEASE_EXPIRIES = "helpline.queue.lease.expiries";
    /** Gauge (sampled): conversations waiting, by {@code tier}. */
    public static final String QUEUE_DEPTH = "helpline.queue.depth";
    /** Gauge (sampled), seconds: the longest wait of a conversation still waiting, by {@code tier}; 0 when none. */
    public static final String QUEUE_OLDEST_WAIT = "helpline.queue.oldest.wait";
    /** Gauge (sampled): counsellors by {@code presence} available|away|offline. */
    public static final String COUNSELLORS = "helpline.counsellors";
    /** Counter: campaign recipients this instance finished, by {@code status}. */
    public static final String CAMPAIGN_SENDS = "helpline.campaign.sends";
    /** Gauge (sampled): campaigns running. */
    public static final String CAMPAIGNS_RUNNING = "helpline.campaigns.running";
    /** Gauge (sampled), messages per second: the sum of the running campaigns' configured rates. */
    public static final String CAMPAIGN_RATE_CONFIGURED = "helpline.campaign.rate.configured";
    /** Gauge (sampled), messages per second: accepted by Twilio across every instance since the last sample. */
    public static final String CAMPAIGN_RATE_ACTUAL = "helpline.campaign.rate.actual";
    /** Counter: Redis calls that failed, by {@code kind} connection|command. */
    public static final String REDIS_ERRORS = "helpline.redis.errors";
    /** Counter: times Redis answered again after this instance had found it unreachable. */
    public static final String REDIS_RECONNECTS = "helpline.redis.reconnects";
    /** Gauge (sampled): 1 while Redis answered the last sample, 0 when it did not. */
    public static final String REDIS_UP = "helpline.redis.up";
    /** Gauge: when the last sample was taken (Unix seconds); a stale value means the gauges are stale. */
    public static final String SAMPLE_TIME = "helpline.metrics.sample.time";
    /** Counter: refusals since start, by {@code kind} (see {@link RefusalMeters}). */
    public static final String REFUSALS = "helpline.refusals";

    /** All of the above. */
    public static final List<String> ALL = List.of(WEBHOOK_REQUESTS, CLASSIFICATION, ESCALATIONS, CLAIMS,
            LEASE_EXPIRIES, QUEUE_DEPTH, QUEUE_OLDEST_WAIT, COUNSELLORS, CAMPAIGN_SENDS, CAMPAIGNS_RUNNING,
            CAMPAIGN_RATE_CONFIGURED, CAMPAIGN_RATE_ACTUAL, REDIS_ERRORS, REDIS_RECONNECTS, REDIS_UP, SAMPLE_TIME,
            REFUSALS);

    private MetricNames() {
    }
}
