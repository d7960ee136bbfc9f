package org.helpline.gateway.redis;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * Critical writes (an escalation, a claim) can wait until Redis replicas have them ({@code WAIT}) before the young
 * person or the counsellor is told: {@code helpline.redis.wait-replicas} (0, the default, does not wait) within
 * {@code helpline.redis.wait-timeout}. A shortfall is logged, not fatal: the write is on the primary.
 */
@Singleton
public class CriticalWrites {
    /** Settings. */
    @ConfigurationProperties("helpline.redis")
    public record Settings(@Bindable(defaultValue = "0") int waitReplicas,
                           @Bindable(defaultValue = "200ms") Duration waitTimeout) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(CriticalWrites.class);
    private final UnifiedJedis redis;
    private final Settings settings;

    public CriticalWrites(UnifiedJedis redis, Settings settings) {
        this.redis = redis;
        this.settings = settings;
    }

    /** Waits for the configured replicas after a write to {@code sampleKey}'s node; returns how many acknowledged. */
    public long replicate(String sampleKey) {
        if (settings.waitReplicas() <= 0) {
            return 0;
        }
        long acked = redis.waitReplicas(sampleKey, settings.waitReplicas(), settings.waitTimeout().toMillis());
        if (acked < settings.waitReplicas()) {
            LOG.warn("Critical write acknowledged by {} of {} replicas within {}", acked, settings.waitReplicas(),
                    settings.waitTimeout());
        }
        return acked;
    }
}
