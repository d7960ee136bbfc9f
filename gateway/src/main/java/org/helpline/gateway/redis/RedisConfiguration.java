package org.helpline.gateway.redis;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.List;

/**
 * Where Redis is ({@code REDIS_URL}, e.g. {@code redis://localhost:6379}). Without a URL the gateway starts a real
 * Redis server itself (embedded-redis), keeping its data, with the append-only file on, under {@code embeddedDir}.
 *
 * @param url            the Redis URL; empty (and no cluster or sentinel) means "start the embedded server"
 * @param embeddedPort   port of the embedded server; 0 picks a free one
 * @param embeddedDir    data directory of the embedded server
 * @param clusterNodes   Redis Cluster seed nodes ({@code REDIS_CLUSTER_NODES=host:port,host:port}); the password,
 *                       user and TLS come from {@code url} if set
 * @param sentinelMaster Redis Sentinel: the monitored master's name ({@code REDIS_SENTINEL_MASTER})
 * @param sentinels      the sentinels ({@code REDIS_SENTINELS=host:26379,host:26379})
 * @param embeddedAllowed start the embedded server when no Redis is configured ({@code REDIS_EMBEDDED_ALLOWED});
 *                       on in the development profile, off otherwise: a production instance without REDIS_URL
 *                       refuses to start rather than keep its data in a local child process
 * @param embeddedPasswordFile where the embedded server's generated password is kept (mode 600); default
 *                       {@code <embeddedDir>.password}, i.e. {@code .data/redis.password} beside the development keys
 */
@ConfigurationProperties("redis")
public record RedisConfiguration(@Nullable String url,
                                 @Bindable(defaultValue = "6390") int embeddedPort,
                                 @Bindable(defaultValue = ".data/redis") String embeddedDir,
                                 @Nullable List<String> clusterNodes,
                                 @Nullable String sentinelMaster,
                                 @Nullable List<String> sentinels,
                                 @Bindable(defaultValue = "false") boolean embeddedAllowed,
                                 @Nullable String embeddedPasswordFile) {
    public boolean embedded() {
        return (url == null || url.isBlank()) && !cluster() && !sentinel();
    }

    public boolean cluster() {
        return clusterNodes != null && !clusterNodes.isEmpty();
    }

    public boolean sentinel() {
        return sentinelMaster != null && !sentinelMaster.isBlank();
    }
}
