package org.helpline.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import java.util.EnumMap;
import java.util.Map;
import org.helpline.gateway.queue.EnqueueScript;
import org.helpline.gateway.queue.QueueCounters;
import org.helpline.nlp.RiskTier;

/** Escalations by tier and outcome, claims and lease expiries, counted as the live queue reports them. */
@Context // at start-up, so that every series is there from the first scrape, zeros included
public class QueueMeters implements QueueCounters {
    private final Map<RiskTier, Counter> added = new EnumMap<>(RiskTier.class);
    private final Map<RiskTier, Counter> raised = new EnumMap<>(RiskTier.class);
    private final Counter claims;
    private final Counter expiries;

    public QueueMeters(MeterRegistry registry) {
        for (RiskTier t : RiskTier.values()) {
            if (t != RiskTier.NONE) { // the queue keeps LOW as its lowest tier
                added.put(t, escalations(registry, t, "added"));
                raised.put(t, escalations(registry, t, "raised"));
            }
        }
        claims = Counter.builder(MetricNames.CLAIMS)
                .description("Conversations a counsellor took from the queue")
                .register(registry);
        expiries = Counter.builder(MetricNames.LEASE_EXPIRIES)
                .description("Claimed conversations whose lease expired and went back to the queue")
                .register(registry);
    }

    private static Counter escalations(MeterRegistry registry, RiskTier tier, String outcome) {
        return Counter.builder(MetricNames.ESCALATIONS)
                .description("Conversations put in the live queue (added) or raised to a higher tier there")
                .tag("tier", tier.name())
                .tag("outcome", outcome)
                .register(registry);
    }

    @Override
    public void enqueued(RiskTier tier, EnqueueScript.Outcome outcome) {
        Map<RiskTier, Counter> which = switch (outcome) {
            case ADDED -> added;
            case RAISED -> raised;
            case UNCHANGED -> null;
        };
        if (which != null && which.containsKey(tier)) {
            which.get(tier).increment();
        }
    }

    @Override
    public void claimed() {
        claims.increment();
    }

    @Override
    public void leasesExpired(int count) {
        expiries.increment(count);
    }
}
