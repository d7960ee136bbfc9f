package org.helpline.gateway.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.helpline.gateway.campaign.Campaign;
import org.helpline.gateway.campaign.CampaignService;
import org.helpline.gateway.campaign.Subscribers;
import org.helpline.gateway.channel.Address;
import org.helpline.gateway.channel.InboundMessage;
import org.helpline.gateway.conversation.ConversationService;
import org.helpline.gateway.conversation.ConversationStore;
import org.helpline.gateway.queue.Counsellors;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.gateway.simulator.SimulatorOutbox;
import org.helpline.gateway.support.TestRedisCluster;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The gateway on a real 3-master Redis Cluster started by the test: a message's transaction, the queue scripts
 * (enqueue, claim, close), the campaign scripts and erasure all run, because keys used together share a hash tag.
 */
class RedisClusterTest {
    @Test
    void theWholePathRunsOnAThreeMasterCluster() throws Exception {
        try (TestRedisCluster cluster = new TestRedisCluster()) {
            Map<String, Object> p = new HashMap<>();
            p.put("redis.cluster-nodes", cluster.nodes());
            p.put("helpline.privacy.local-key-file",
                    Files.createTempDirectory("cluster-keys").resolve("k.properties").toString());
            p.put("micronaut.server.port", -1);
            p.put("helpline.simulator.enabled", "true");
            try (ApplicationContext gw = ApplicationContext.run(p)) {
                UnifiedJedis redis = gw.getBean(UnifiedJedis.class);
                assertTrue(redis instanceof JedisCluster, redis.getClass().getName());

                ConversationService conversations = gw.getBean(ConversationService.class);
                LiveQueue queue = gw.getBean(LiveQueue.class);
                ConversationStore store = gw.getBean(ConversationStore.class);
                Set<Integer> slots = new java.util.HashSet<>();
                for (int i = 0; i < 12; i++) {
                    Address from = Address.parse(String.format("+4479111230%02d", i));
                    var out = conversations.handle(new InboundMessage(String.format("SM%032d", i), from,
                            "i want to kill myself", 0, java.time.Instant.now()));
                    slots.add(JedisClusterCRC16.getSlot(ConversationStore.sessionKey(out.conversationId())));
                    assertTrue(store.session(out.conversationId()).isPresent(), "the transaction landed");
                }
                assertTrue(slots.size() > 3, "conversations spread over slots (and so nodes): " + slots.size());
                assertEquals(12, queue.depth());

                Counsellors counsellors = gw.getBean(Counsellors.class);
                counsellors.register("ana", 20, List.of("en"));
                counsellors.presence("ana", "available");
                String first = queue.claim("ana").orElseThrow();
                assertTrue(queue.close(first, "ana", "mental_health.suicidal", "notes"));
                assertEquals(11, queue.depth());

                // erasure scans and deletes one conversation's keys on whichever node holds its slot
                String erased = conversations.conversationId(new InboundMessage("SM" + "e".repeat(32),
                        Address.parse("+447911123011"), "x", 0, java.time.Instant.now()));
                assertTrue(store.erase(erased) > 0);
                assertTrue(store.session(erased).isEmpty());

                // a campaign: audience, claim, complete on the {cmp} slot; the simulator outbox is the provider
                Subscribers list = gw.getBean(Subscribers.class);
                for (int i = 0; i < 5; i++) {
                    list.subscribe(new Subscribers.Join(Address.parse(String.format("sim:+4479111239%02d", i)), "en",
                            List.of("cluster"), "UTC", "import:test", "2026-05-01T00:00:00Z", "form"), false);
                }
                CampaignService campaigns = gw.getBean(CampaignService.class);
                String id = campaigns.create(new CampaignService.Request("cluster", Map.of("en", "Hi"), "en",
                        new Campaign.Audience(List.of("cluster"), List.of(), List.of("SIMULATOR")), null, "00:00",
                        "00:00", 50.0, null, null), "test").id();
                long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (!"completed".equals(campaigns.status(id).orElseThrow().state()) && System.nanoTime() < end) {
                    Thread.sleep(50);
                }
                assertEquals("completed", campaigns.status(id).orElseThrow().state());
                assertEquals(5L, campaigns.status(id).orElseThrow().counts().get("accepted"));
                SimulatorOutbox outbox = gw.getBean(SimulatorOutbox.class);
                Map<Integer, Long> received = new HashMap<>();
                for (int i = 0; i < 5; i++) {
                    String sub = list.idOf(Address.parse(String.format("sim:+4479111239%02d", i)));
                    received.put(i, outbox.since(sub, 0).stream().filter(t -> t.startsWith("Hi")).count());
                }
                assertEquals(Set.of(1L), received.values().stream().collect(Collectors.toSet()), received.toString());
            }
        }
    }
}
