package org.helpline.gateway.security;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /health}'s counters of what was refused since start (signed-in operators see details; anonymous callers see
 * the status only): refused webhooks, rate-limited messages, throttled log-ins, connections over the cap or too slow,
 * and the connections open now. Counts only, never who.
 */
@Singleton
public class RefusalsHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final Refusals refusals;
    private final ConnectionLimits connections;

    public RefusalsHealthIndicator(Refusals refusals, ConnectionLimits connections) {
        this.refusals = refusals;
        this.connections = connections;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        healthStatus = HealthStatus.UP;
        Map<String, Object> details = new LinkedHashMap<>(refusals.totals());
        details.put("connections open", connections.open());
        details.put("connection cap", connections.max());
        return details;
    }

    @Override
    protected String getName() {
        return "refusals";
    }
}
