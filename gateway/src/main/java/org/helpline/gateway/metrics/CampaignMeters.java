package org.helpline.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.campaign.CampaignCounters;

/**
 * Campaign recipients this instance finished, by status. The statuses are the runner's fixed words; anything else is
 * counted as {@code other}, so a new word can never become an unbounded label.
 */
@Context // at start-up, so that every series is there from the first scrape, zeros included
public class CampaignMeters implements CampaignCounters {
    static final List<String> STATUSES = List.of("accepted", "failed", "opted_out", "skipped", "deferred", "retry");
    private final Map<String, Counter> byStatus = new HashMap<>();

    public CampaignMeters(MeterRegistry registry) {
        for (String s : STATUSES) {
            byStatus.put(s, counter(registry, s));
        }
        byStatus.put("other", counter(registry, "other"));
    }

    private static Counter counter(MeterRegistry registry, String status) {
        return Counter.builder(MetricNames.CAMPAIGN_SENDS)
                .description("Campaign recipients this instance finished, deferred or set to retry, by status")
                .tag("status", status)
                .register(registry);
    }

    @Override
    public void recipient(String status) {
        byStatus.getOrDefault(status, byStatus.get("other")).increment();
    }
}
