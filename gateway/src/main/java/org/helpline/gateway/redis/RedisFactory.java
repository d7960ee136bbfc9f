package org.helpline.gateway.redis;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.UnifiedJedis;

/**
 * Builds the Jedis client: to a Redis Cluster ({@code REDIS_CLUSTER_NODES}), through Redis Sentinel
 * ({@code REDIS_SENTINEL_MASTER}, {@code REDIS_SENTINELS}), to {@code REDIS_URL}, or to a Redis server this process
 * starts itself. All are {@link UnifiedJedis}: the rest of the code does not know which.
 */
@Factory
public class RedisFactory {

    /** The embedded server, started only when no URL is configured; stopped with the application. */
    @Singleton
    @Requires(missingProperty = "redis.url")
    @Requires(missingProperty = "redis.cluster-nodes")
    @Requires(missingProperty = "redis.sentinel-master")
    @Bean(preDestroy = "close")
    EmbeddedRedis embeddedRedis(RedisConfiguration config) {
        if (!config.embeddedAllowed()) {
            throw new IllegalStateException("No Redis configured: set REDIS_URL (or REDIS_CLUSTER_NODES, or "
                    + "REDIS_SENTINEL_MASTER and REDIS_SENTINELS). The embedded Redis is for the development run "
                    + "(MICRONAUT_ENVIRONMENTS=dev, as scripts/run does); elsewhere it needs REDIS_EMBEDDED_ALLOWED=true");
        }
        Path dir = Path.of(config.embeddedDir());
        return EmbeddedRedis.start(config.embeddedPort(), dir,
                config.embeddedPasswordFile() == null || config.embeddedPasswordFile().isBlank()
                        ? EmbeddedRedis.defaultPasswordFile(dir) : Path.of(config.embeddedPasswordFile()));
    }

    @Singleton
    @Bean(preDestroy = "close")
    UnifiedJedis jedis(RedisConfiguration config, BeanProvider<EmbeddedRedis> embedded) {
        URI uri = URI.create(config.embedded() ? embedded.get().url()
                : config.url() != null && !config.url().isBlank() ? config.url() : "redis://localhost");
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(64);
        pool.setMaxIdle(64);
        pool.setMinIdle(4);
        pool.setTestWhileIdle(true);
        JedisClientConfig client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(2000)
                .socketTimeoutMillis(5000)
                .user(userInfo(uri, 0))
                .password(userInfo(uri, 1))
                .database(database(uri))
                .ssl("rediss".equals(uri.getScheme()))
                .clientName("helpline-gateway")
                .build();
        if (config.cluster()) {
            // every key a script or transaction touches together shares a {hash tag}: one slot, one node
            return new JedisCluster(hosts(config.clusterNodes(), 6379), clientWithoutDatabase(uri), 5, pool);
        }
        if (config.sentinel()) {
            return new JedisSentineled(config.sentinelMaster(), client, pool,
                    hosts(config.sentinels() == null ? List.of() : config.sentinels(), 26379),
                    DefaultJedisClientConfig.builder().connectionTimeoutMillis(2000).socketTimeoutMillis(5000)
                            .build());
        }
        return new JedisPooled(pool, new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort()), client);
    }

    private static JedisClientConfig clientWithoutDatabase(URI uri) {
        return DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(2000)
                .socketTimeoutMillis(5000)
                .user(userInfo(uri, 0))
                .password(userInfo(uri, 1))
                .ssl("rediss".equals(uri.getScheme()))
                .clientName("helpline-gateway")
                .build();
    }

    static Set<HostAndPort> hosts(List<String> nodes, int defaultPort) {
        Set<HostAndPort> out = new LinkedHashSet<>();
        for (String n : nodes) {
            for (String one : n.split(",")) {
                String s = one.strip();
                if (s.isEmpty()) {
                    continue;
                }
                int colon = s.lastIndexOf(':');
                out.add(colon < 0 ? new HostAndPort(s, defaultPort)
                        : new HostAndPort(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1))));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no Redis nodes given");
        }
        return out;
    }

    private static String userInfo(URI uri, int part) {
        String info = uri.getUserInfo();
        if (info == null) {
            return null;
        }
        String[] parts = info.split(":", 2);
        if (parts.length == 1) {
            return part == 1 ? parts[0] : null; // redis://password@host
        }
        String value = parts[part];
        return value.isEmpty() ? null : value;
    }

    private static int database(URI uri) {
        String path = uri.getPath();
        return path == null || path.length() <= 1 ? 0 : Integer.parseInt(path.substring(1));
    }
}
