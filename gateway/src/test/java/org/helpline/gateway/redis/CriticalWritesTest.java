package org.helpline.gateway.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import redis.embedded.RedisServer;

/** Critical writes wait for a real replica when configured (a primary and a replica, both real redis-server). */
class CriticalWritesTest {
    @Test
    void waitsForTheConfiguredReplicas() throws Exception {
        EmbeddedRedis primary = EmbeddedRedis.start(0, Files.createTempDirectory("primary"));
        int replicaPort = EmbeddedRedis.freePort();
        RedisServer replica = RedisServer.builder().port(replicaPort).bind("127.0.0.1")
                .setting("dir " + Files.createTempDirectory("replica").toAbsolutePath())
                .setting("replicaof 127.0.0.1 " + primary.port())
                .setting("masterauth " + primary.password()).build();
        replica.start();
        try (JedisPooled redis = new JedisPooled(primary.url());
             JedisPooled replicaClient = new JedisPooled("redis://127.0.0.1:" + replicaPort)) {
            long deadline = System.currentTimeMillis() + 10_000;
            while (!replicaClient.info("replication").contains("master_link_status:up")
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            redis.set("queue:{queue}:waiting-probe", "1");
            assertEquals(1, new CriticalWrites(redis, new CriticalWrites.Settings(1, Duration.ofSeconds(2)))
                    .replicate("queue:{queue}:waiting-probe"));
            assertEquals("1", replicaClient.get("queue:{queue}:waiting-probe"));
            assertEquals(0, new CriticalWrites(redis, new CriticalWrites.Settings(0, Duration.ofSeconds(2)))
                    .replicate("x"), "0 replicas configured: no wait");
        } finally {
            replica.stop();
            primary.close();
        }
    }
}
