package org.helpline.gateway.console;

import org.helpline.gateway.live.LiveEvents;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import org.helpline.gateway.jobs.ClusterJobs;
import org.helpline.gateway.jobs.Job;
import org.helpline.gateway.privacy.Pseudonymiser;
import org.helpline.gateway.queue.ExpireScript;
import org.helpline.gateway.queue.LiveQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * The queue's background work, scheduled on every instance and done by one at a time ({@link ClusterJobs}: a Redis
 * lease per job): returning expired leases to the queue (and telling the counsellor), telling waiting texters when
 * their place in line has improved meaningfully ({@link PositionUpdates}), the liveness checks ({@link LivenessJob}),
 * and sampling queue depth for the supervisor's chart. Periods: {@code helpline.jobs.*}.
 */
@Singleton
@Requires(property = "helpline.queue.jobs.enabled", notEquals = "false")
public class QueueJobs {
    private static final Logger LOG = LoggerFactory.getLogger(QueueJobs.class);
    private final LiveQueue queue;
    private final LiveEvents events;
    private final PositionUpdates positions;
    private final ClusterJobs jobs;
    private final UnifiedJedis redis;
    private final Clock clock;
    private final LivenessJob liveness;

    public QueueJobs(LiveQueue queue, LiveEvents events, PositionUpdates positions, ClusterJobs jobs,
                     UnifiedJedis redis, Clock clock, LivenessJob liveness) {
        this.liveness = liveness;
        this.queue = queue;
        this.events = events;
        this.positions = positions;
        this.jobs = jobs;
        this.redis = redis;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${helpline.jobs.expire-leases:1s}", initialDelay = "1s")
    void expireLeases() {
        jobs.run(Job.EXPIRE_LEASES, lease -> {
            for (ExpireScript.Returned r : queue.expireLeases()) {
                LOG.info("Lease expired: conversation {} back in the queue", Pseudonymiser.forLogs(r.conversation()));
                if (!r.counsellor().isEmpty()) {
                    events.publish(r.counsellor(), "lease-lost", Map.of("conversation", r.conversation()));
                }
                events.publish("*", "queue", Map.of("depth", queue.depth()));
            }
        });
    }

    /** Tells a waiting texter their new place when it improved by 3 or more (or they are next). */
    @Scheduled(fixedDelay = "${helpline.jobs.position-updates:30s}", initialDelay = "${helpline.jobs.position-updates:30s}")
    void positionUpdates() {
        jobs.run(Job.POSITION_UPDATES, positions::run);
    }

    /** Silent counsellors, waits past target, abandoned waiting entries, lapsed presence ({@link LivenessJob}). */
    @Scheduled(fixedDelay = "${helpline.jobs.liveness:15s}", initialDelay = "${helpline.jobs.liveness:15s}")
    void liveness() {
        jobs.run(Job.LIVENESS, liveness::run);
    }

    @Scheduled(fixedDelay = "${helpline.jobs.history:60s}", initialDelay = "${helpline.jobs.history-first:5s}")
    void sampleHistory() {
        jobs.run(Job.SAMPLE_HISTORY, lease -> {
            LiveQueue.Overview o = queue.overview();
            long depth = o.depthByTier().values().stream().mapToLong(Long::longValue).sum();
            redis.rpush(LiveQueue.historyKey(), clock.millis() + "," + depth + "," + o.longestWaitSeconds());
            redis.ltrim(LiveQueue.historyKey(), -1440, -1);
        });
    }
}
