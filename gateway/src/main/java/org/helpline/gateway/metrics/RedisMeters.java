package org.helpline.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.helpline.gateway.redis.RedisFailures;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Redis as this instance sees it: failed calls by kind (connection: unreachable, timed out, reset; command: Redis
 * answered with an error, e.g. READONLY during a fail-over or OOM), reconnects (Redis answering again after this
 * instance found it unreachable: the pool reconnects by itself, this counts the recoveries), and up (the last
 * sample). Failures come from the webhook's 503 handler and from the sampler's own reads.
 */
@Context // at start-up, so that every series is there from the first scrape, zeros included
public class RedisMeters implements RedisFailures {
    private final Counter connectionErrors;
    private final Counter commandErrors;
    private final Counter reconnects;
    private final AtomicInteger up = new AtomicInteger(1);
    private final AtomicBoolean unreachable = new AtomicBoolean();

    public RedisMeters(MeterRegistry registry) {
        connectionErrors = errors(registry, "connection");
        commandErrors = errors(registry, "command");
        reconnects = Counter.builder(MetricNames.REDIS_RECONNECTS)
                .description("Times Redis answered again after this instance had found it unreachable")
                .register(registry);
        Gauge.builder(MetricNames.REDIS_UP, up, AtomicInteger::doubleValue)
                .description("1 while Redis answered the last sample, 0 when it did not")
                .register(registry);
    }

    private static Counter errors(MeterRegistry registry, String kind) {
        return Counter.builder(MetricNames.REDIS_ERRORS)
                .description("Redis calls that failed, by kind")
                .tag("kind", kind)
                .register(registry);
    }

    @Override
    public void failed(RuntimeException e) {
        if (isConnection(e)) {
            connectionErrors.increment();
            unreachable.set(true);
        } else {
            commandErrors.increment();
        }
    }

    /** The sampler's reads failed (Redis unreachable, or answering errors). */
    void sampleFailed(RuntimeException e) {
        failed(e);
        up.set(0);
    }

    /** The sampler's reads succeeded: a recovery if this instance had found Redis unreachable. */
    void sampleAnswered() {
        up.set(1);
        if (unreachable.compareAndSet(true, false)) {
            reconnects.increment();
        }
    }

    static boolean isConnection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JedisConnectionException) {
                return true;
            }
        }
        return false;
    }
}
