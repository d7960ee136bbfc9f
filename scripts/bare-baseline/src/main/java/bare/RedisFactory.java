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

/**
 * The floor's client ({@code REDIS_URL}): the gateway's pool settings (gateway's RedisFactory), nothing else. The URL's
 * user and password are sent as the gateway sends them: the bench's Redis requires a password (EmbeddedRedis), and
 * without it every {@code INCR} answered NOAUTH, every webhook a 500.
 */
@Factory
class RedisFactory {
    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = "redis.url")
    UnifiedJedis jedis(@Value("${redis.url}") String url) {
        URI uri = URI.create(url);
        // redis://[user]:password@host:port or redis://password@host:port, as the gateway reads it
        String info = uri.getUserInfo();
        String[] parts = info == null ? new String[0] : info.split(":", 2);
        String user = parts.length == 2 && !parts[0].isEmpty() ? parts[0] : null;
        String password = parts.length == 0 ? null : parts[parts.length - 1].isEmpty() ? null : parts[parts.length - 1];
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(64);
        pool.setMaxIdle(64);
        pool.setMinIdle(4);
        return new JedisPooled(pool, new HostAndPort(uri.getHost(), uri.getPort()),
                DefaultJedisClientConfig.builder().connectionTimeoutMillis(2000).socketTimeoutMillis(5000)
                        .user(user).password(password).clientName("bare-floor").build());
    }
}
