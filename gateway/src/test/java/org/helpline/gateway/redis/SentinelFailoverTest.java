package org.helpline.gateway.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.helpline.gateway.channel.Address;
import org.helpline.gateway.channel.InboundMessage;
import org.helpline.gateway.conversation.ConversationService;
import org.helpline.gateway.queue.Counsellors;
import org.helpline.gateway.queue.LiveQueue;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.UnifiedJedis;
import redis.embedded.RedisSentinel;
import redis.embedded.RedisServer;

/**
 * A Redis Sentinel failover under the gateway: a primary, one replica and a sentinel (the redis-server binary
 * embedded-redis ships, in sentinel mode), the gateway configured with {@code redis.sentinel-master}. Escalations
 * wait for the replica ({@code helpline.redis.wait-replicas=1}); the primary is stopped; the sentinel promotes the
 * replica; the gateway follows it by itself, and every escalation acknowledged before the failover is still queued.
 */
class SentinelFailoverTest {
    @Test
    void escalationsSurviveAFailoverAndTheGatewayFollowsTheNewPrimary() throws Exception {
        Path dir = Files.createTempDirectory("helpline-sentinel");
        int primaryPort = EmbeddedRedis.freePort();
        int replicaPort = EmbeddedRedis.freePort();
        int sentinelPort = EmbeddedRedis.freePort();
        RedisServer primary = server(primaryPort, dir.resolve("p"), null);
        RedisServer replica = server(replicaPort, dir.resolve("r"), primaryPort);
        RedisSentinel sentinel = RedisSentinel.builder().bind("127.0.0.1").port(sentinelPort)
                .masterName("helpline").masterPort(primaryPort).quorumSize(1)
                .downAfterMilliseconds(1_000L).failoverTimeout(5_000L).parallelSyncs(1).build();
        primary.start();
        replica.start();
        sentinel.start();
        try {
            awaitReplicaOnline(primaryPort);
            Map<String, Object> p = new HashMap<>();
            p.put("redis.sentinel-master", "helpline");
            p.put("redis.sentinels", "127.0.0.1:" + sentinelPort);
            p.put("helpline.redis.wait-replicas", 1);
            p.put("helpline.redis.wait-timeout", "2s");
            p.put("helpline.campaigns.enabled", false);
            p.put("helpline.privacy.local-key-file",
                    Files.createTempDirectory("sentinel-keys").resolve("k.properties").toString());
            p.put("micronaut.server.port", -1);
            try (ApplicationContext gw = ApplicationContext.run(p)) {
                assertTrue(gw.getBean(UnifiedJedis.class) instanceof JedisSentineled);
                ConversationService conversations = gw.getBean(ConversationService.class);
                LiveQueue queue = gw.getBean(LiveQueue.class);
                Set<String> acknowledged = new HashSet<>();
                for (int i = 0; i < 5; i++) {
                    acknowledged.add(conversations.handle(message(i)).conversationId());
                }
                assertEquals(5, queue.depth());

                primary.stop();
                long stopped = System.nanoTime();
                // the texter's next message is retried as Twilio would retry a failed webhook, until it lands
                String after = null;
                Exception last = null;
                while (after == null && System.nanoTime() - stopped < 40_000_000_000L) {
                    try {
                        after = conversations.handle(message(5)).conversationId();
                    } catch (RuntimeException e) {
                        last = e;
                        Thread.sleep(200);
                    }
                }
                assertTrue(after != null, "the gateway never reached the promoted replica: " + last);
                System.out.printf("sentinel failover: the gateway wrote to the new primary %.1f s after the old one "
                        + "stopped%n", (System.nanoTime() - stopped) / 1e9);
                try (Jedis s = new Jedis("127.0.0.1", sentinelPort)) {
                    assertEquals(List.of("127.0.0.1", Integer.toString(replicaPort)),
                            s.sentinelGetMasterAddrByName("helpline"), "the sentinel promoted the replica");
                }
                acknowledged.add(after);
                assertEquals(6, queue.depth(), "no escalation acknowledged before the failover was lost");
                Counsellors counsellors = gw.getBean(Counsellors.class);
                counsellors.register("ana", 10, List.of("en"));
                counsellors.presence("ana", "available");
                Set<String> claimed = new HashSet<>();
                for (int i = 0; i < 6; i++) {
                    claimed.add(queue.claim("ana").orElseThrow());
                }
                assertEquals(acknowledged, claimed, "each claimed once, on the new primary");
            }
        } finally {
            stopQuietly(sentinel::stop);
            stopQuietly(replica::stop);
            stopQuietly(primary::stop);
        }
    }

    private static InboundMessage message(int i) {
        return new InboundMessage(String.format("SM%032d", i), Address.parse(String.format("+4479111240%02d", i)),
                "i want to kill myself tonight", 0, Instant.now());
    }

    private static RedisServer server(int port, Path dir, Integer primaryPort) throws Exception {
        Files.createDirectories(dir);
        var b = RedisServer.builder().port(port).bind("127.0.0.1")
                .setting("dir " + dir.toAbsolutePath())
                .setting("appendonly yes")
                .setting("save \"\"");
        if (primaryPort != null) {
            b.slaveOf("127.0.0.1", primaryPort);
        }
        return b.build();
    }

    private static void awaitReplicaOnline(int primaryPort) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < end) {
            try (Jedis j = new Jedis("127.0.0.1", primaryPort)) {
                if (j.info("replication").contains("state=online")) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the replica never came online");
    }

    private static void stopQuietly(Runnable stop) {
        try {
            stop.run();
        } catch (RuntimeException e) {
            // already stopped
        }
    }
}
