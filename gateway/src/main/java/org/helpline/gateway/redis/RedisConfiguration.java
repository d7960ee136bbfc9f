package org.helpline.gateway.redis;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Where Redis is ({@code REDIS_URL}, e.g. {@code redis://localhost:6379}). Without a URL the gateway starts a real
 * Redis server itself (embedded-redis), keeping its data, with the append-only file on, under {@code embeddedDir}.
 *
 * @param url           the Redis URL; empty means "start the embedded server"
 * @param embeddedPort  port of the embedded server; 0 picks a free one
 * @param embeddedDir   data directory of the embedded server
 */
@ConfigurationProperties("redis")
public record RedisConfiguration(@Nullable String url,
                                 @Bindable(defaultValue = "6390") int embeddedPort,
                                 @Bindable(defaultValue = ".data/redis") String embeddedDir) {
    public boolean embedded() {
        return url == null || url.isBlank();
    }
}
