package org.helpline.gateway.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.helpline.gateway.campaign.Campaign;
import org.helpline.gateway.campaign.CampaignKeys;
import org.helpline.gateway.campaign.CampaignService;
import org.helpline.gateway.queue.Counsellors;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.nlp.RiskTier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * Reads the cluster-wide figures from Redis every {@code HELPLINE_METRICS_SAMPLE_INTERVAL} (queue depth and longest
 * wait by tier, counsellors by presence, running campaigns' configured and actual rates) into gauges, so that a scrape
 * (by however many scrapers, however often) never reaches Redis. Every instance samples and reports the same
 * cluster-wide values: dashboards take their {@code max}. A failed sample keeps the previous values, sets
 * {@code helpline_redis_up} to 0 and counts a Redis error; {@code helpline_metrics_sample_time_seconds} says how old
 * the values are.
 */
@Singleton
public class MetricsSampler {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsSampler.class);
    private static final List<RiskTier> TIERS = List.of(RiskTier.IMMINENT, RiskTier.HIGH, RiskTier.LOW);

    private final LiveQueue queue;
    private final Counsellors counsellors;
    private final CampaignService campaigns;
    private final UnifiedJedis redis;
    private final RedisMeters redisMeters;
    private final Clock clock;
    private final Map<RiskTier, AtomicLong> depth = new EnumMap<>(RiskTier.class);
    private final Map<RiskTier, AtomicLong> oldestWait = new EnumMap<>(RiskTier.class);
    private final Map<String, AtomicLong> presence = new HashMap<>();
    private final AtomicLong running = new AtomicLong();
    private final Map<String, AtomicLong> rates = new ConcurrentHashMap<>(); // milli-messages per second
    private final AtomicLong sampledAt = new AtomicLong();
    /** Each running campaign's accepted count at the previous sample, and when that was. */
    private Map<String, Long> lastAccepted = Map.of();
    private long lastAcceptedAt;
    private volatile boolean failing;

    public MetricsSampler(LiveQueue queue, Counsellors counsellors, CampaignService campaigns, UnifiedJedis redis,
                          RedisMeters redisMeters, MeterRegistry registry, Clock clock) {
        this.queue = queue;
        this.counsellors = counsellors;
        this.campaigns = campaigns;
        this.redis = redis;
        this.redisMeters = redisMeters;
        this.clock = clock;
        for (RiskTier t : TIERS) {
            depth.put(t, gauge(registry, MetricNames.QUEUE_DEPTH, "Conversations waiting, by tier", null, "tier",
                    t.name()));
            oldestWait.put(t, gauge(registry, MetricNames.QUEUE_OLDEST_WAIT,
                    "The longest wait of a conversation still waiting, by tier (0: nobody waits)", "seconds", "tier",
                    t.name()));
        }
        for (String p : Counsellors.PRESENCES) {
            presence.put(p, gauge(registry, MetricNames.COUNSELLORS, "Counsellors, by presence", null, "presence", p));
        }
        Gauge.builder(MetricNames.CAMPAIGNS_RUNNING, running, AtomicLong::doubleValue)
                .description("Campaigns running").register(registry);
        for (String which : List.of("configured", "actual")) {
            AtomicLong v = new AtomicLong();
            rates.put(which, v);
            Gauge.builder("configured".equals(which) ? MetricNames.CAMPAIGN_RATE_CONFIGURED
                            : MetricNames.CAMPAIGN_RATE_ACTUAL, v, a -> a.get() / 1000.0)
                    .description("configured".equals(which)
                            ? "The sum of the running campaigns' configured rates, messages per second"
                            : "Campaign messages accepted by Twilio per second, every instance, since the last sample")
                    .register(registry);
        }
        Gauge.builder(MetricNames.SAMPLE_TIME, sampledAt, a -> a.get() / 1000.0)
                .description("When the sampled gauges were last read from Redis, Unix time")
                .baseUnit("seconds")
                .register(registry);
    }

    private static AtomicLong gauge(MeterRegistry registry, String name, String description, String unit,
                                    String tag, String value) {
        AtomicLong v = new AtomicLong();
        Gauge.builder(name, v, AtomicLong::doubleValue).description(description).baseUnit(unit).tag(tag, value)
                .register(registry);
        return v;
    }

    /** One sample; scheduled, and called by tests that do not want to wait for the schedule. */
    @Scheduled(fixedDelay = "${helpline.metrics.sample-interval:15s}", initialDelay = "1s")
    public synchronized void sample() {
        try {
            LiveQueue.Overview o = queue.overview();
            for (RiskTier t : TIERS) {
                depth.get(t).set(o.depthByTier().getOrDefault(t, 0L));
                oldestWait.get(t).set(o.longestWaitByTier().getOrDefault(t, 0L));
            }
            Map<String, Long> byPresence = new HashMap<>();
            for (Counsellors.Status s : counsellors.all()) {
                byPresence.merge(s.presence(), 1L, Long::sum);
            }
            presence.forEach((p, v) -> v.set(byPresence.getOrDefault(p, 0L)));
            sampleCampaigns();
            sampledAt.set(clock.millis());
            redisMeters.sampleAnswered();
            if (failing) {
                failing = false;
                LOG.info("Metrics sampling works again");
            }
        } catch (RuntimeException e) {
            redisMeters.sampleFailed(e);
            if (!failing) {
                failing = true; // one line per outage, not one per interval
                LOG.warn("Metrics sample failed ({}); gauges keep their last values", e.getClass().getSimpleName());
            }
        }
    }

    private void sampleCampaigns() {
        List<String> ids = campaigns.running();
        double configured = 0;
        Map<String, Long> accepted = new HashMap<>();
        for (String id : ids) {
            Campaign c = campaigns.campaign(id).orElse(null);
            if (c != null) {
                configured += c.ratePerSecond();
            }
            String n = redis.hget(CampaignKeys.counts(id), "accepted");
            accepted.put(id, n == null ? 0L : Long.parseLong(n));
        }
        long now = clock.millis();
        long sent = 0;
        for (Map.Entry<String, Long> e : accepted.entrySet()) {
            Long before = lastAccepted.get(e.getKey()); // a campaign that started since counts from the next sample
            if (before != null) {
                sent += Math.max(0, e.getValue() - before);
            }
        }
        double actual = lastAcceptedAt == 0 || now <= lastAcceptedAt ? 0 : sent * 1000.0 / (now - lastAcceptedAt);
        lastAccepted = accepted;
        lastAcceptedAt = now;
        running.set(ids.size());
        rates.get("configured").set(Math.round(configured * 1000));
        rates.get("actual").set(Math.round(actual * 1000));
    }

    /** Messages per second, configured and actual, as the gauges show them (for tests). */
    double rate(String which) {
        return rates.get(which).get() / 1000.0;
    }
}
