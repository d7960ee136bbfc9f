package org.helpline.gateway.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import java.util.Map;
import org.helpline.gateway.security.Refusals;

/**
 * The refusal totals that {@link Refusals} already keeps for {@code /health}, as counters read at each scrape (no
 * second count to drift): forged or unsigned webhooks and status callbacks, messages over a sender's rate limit,
 * connections over the cap or too slow, throttled log-ins.
 */
@Context // at start-up, so that every series is there from the first scrape, zeros included
public class RefusalMeters {
    /** {@link Refusals}' kinds (its callers' fixed texts) → our label values. */
    static final Map<String, String> KINDS = Map.of(
            "inbound webhook refused", "inbound_webhook_signature",
            "status callback refused", "status_callback_signature",
            "message over the sender rate limit", "sender_rate_limit",
            "connection refused", "connection_cap",
            "connection closed", "slow_request",
            "console log-in throttled", "login_throttled");

    public RefusalMeters(Refusals refusals, MeterRegistry registry) {
        KINDS.forEach((kind, label) -> FunctionCounter.builder(MetricNames.REFUSALS, refusals,
                        r -> r.totals().getOrDefault(kind, 0L))
                .description("Requests, messages and connections refused since start, by kind")
                .tag("kind", label)
                .register(registry));
    }
}
