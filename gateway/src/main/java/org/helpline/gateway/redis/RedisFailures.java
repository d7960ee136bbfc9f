package org.helpline.gateway.redis;

/**
 * Told of a Redis call that failed, for the metrics ({@code metrics/RedisMeters}); {@link #NONE} outside the
 * application context. The redis package knows nothing of Micrometer.
 */
public interface RedisFailures {
    RedisFailures NONE = e -> {
    };

    void failed(RuntimeException e);
}
