package org.helpline.gateway.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.support.TestRedis;
import org.helpline.nlp.RiskTier;
import org.junit.jupiter.api.Test;

/**
 * An instance dies while its counsellor holds a conversation: the surviving instance's lease job returns it to its
 * original place in the queue within the lease plus a second or two, and the counsellor learns it on their next
 * heartbeat, wherever they reconnect.
 */
class DeadInstanceLeaseTest {
    @Test
    void leasesOfADeadInstanceExpireAndTheConversationKeepsItsPlace() throws Exception {
        TestRedis.flush();
        String keys = Files.createTempDirectory("lease-keys").resolve("k.properties").toString();
        Map<String, Object> props = Map.of("redis.url", TestRedis.url(), "helpline.privacy.local-key-file", keys,
                "helpline.queue.lease", "2s", "micronaut.server.port", -1);
        ApplicationContext doomed = ApplicationContext.run(props);
        try (ApplicationContext survivor = ApplicationContext.run(props)) {
            LiveQueue q1 = doomed.getBean(LiveQueue.class);
            Counsellors counsellors = doomed.getBean(Counsellors.class);
            counsellors.register("ana", 1, List.of("en"));
            counsellors.presence("ana", "available");
            q1.enqueue("first", RiskTier.HIGH, List.of("r"), "en");
            Thread.sleep(5);
            q1.enqueue("second", RiskTier.HIGH, List.of("r"), "en");
            assertEquals("first", q1.claim("ana").orElseThrow());
            doomed.close();                                   // the instance holding the lease dies

            LiveQueue q2 = survivor.getBean(LiveQueue.class);
            long deadline = System.currentTimeMillis() + 6_000;
            while (q2.position("first") < 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(0, q2.position("first"), "back at its original place, ahead of 'second'");
            assertEquals(List.of("first"), q2.renew("ana").lost(), "the counsellor is told on reconnecting");
            assertTrue(q2.entry("first").orElseThrow().counsellor() == null);
        } finally {
            if (doomed.isRunning()) {
                doomed.close();
            }
        }
    }
}
