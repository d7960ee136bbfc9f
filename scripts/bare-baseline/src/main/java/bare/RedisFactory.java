package bare;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.net.URI;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;

/** The floor's client ({@code REDIS_URL}): the gateway's pool settings (gateway's RedisFactory), nothing else. */
@Factory
class RedisFactory {
    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = "redis.url")
    UnifiedJedis jedis(@Value("${redis.url}") String url) {
        URI uri = URI.create(url);
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(64);
        pool.setMaxIdle(64);
        pool.setMinIdle(4);
        return new JedisPooled(pool, new HostAndPort(uri.getHost(), uri.getPort()),
                DefaultJedisClientConfig.builder().connectionTimeoutMillis(2000).socketTimeoutMillis(5000)
                        .clientName("bare-floor").build());
    }
}
