package org.helpline.gateway.redis;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;

/** {@code /health} reports Redis: DOWN while it cannot be reached (the gateway reconnects by itself). */
@Singleton
public class RedisHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final UnifiedJedis redis;

    public RedisHealthIndicator(UnifiedJedis redis) {
        this.redis = redis;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        long start = System.nanoTime();
        try {
            String pong = redis.ping();
            details.put("ping", pong);
            details.put("latencyMicros", (System.nanoTime() - start) / 1000);
            healthStatus = "PONG".equals(pong) ? HealthStatus.UP : HealthStatus.DOWN;
        } catch (RuntimeException e) {
            healthStatus = HealthStatus.DOWN;
            details.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return details;
    }

    @Override
    protected String getName() {
        return "redis";
    }
}
