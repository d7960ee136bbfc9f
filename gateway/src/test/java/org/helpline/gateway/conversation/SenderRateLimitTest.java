package org.helpline.gateway.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.helpline.gateway.privacy.Pseudonymiser;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.gateway.support.Http;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.UnifiedJedis;

/** A flooding sender: one polite reply, excess kept but no flow run, and a real escalation is never pushed down. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SenderRateLimitTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;
    @Inject
    ConversationStore store;
    @Inject
    Pseudonymiser pseudonymiser;
    final UnifiedJedis redis = TestRedis.client();

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of("rate", "helpline.simulator.enabled", "true",
                "helpline.rate-limit.burst", "5", "helpline.rate-limit.per-second", "0.01");
    }

    private String say(String from, String text) {
        var r = Http.post(server.getURL() + "/simulator/api/messages", "application/json",
                Http.utf8("{\"from\":\"" + from + "\",\"text\":\"" + text + "\"}"), Map.of());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    @Test
    void aFloodGetsOnePoliteReplyAndRunsNoFlowButAnEscalationStillQueuesOnce() {
        TestRedis.flush();
        say("+447700902001", "can i talk to a counsellor");      // a real escalation, first in line
        String flooder = "+447700902002";
        for (int i = 0; i < 5; i++) {
            say(flooder, "spam " + i);
        }
        String first = say(flooder, "spam 5");
        assertTrue(first.contains("You are sending a lot of messages very fast"), first);
        String second = say(flooder, "spam 6");
        assertTrue(second.contains("\"replies\":[]"), "told once per flood: " + second);
        String id = pseudonymiser.pseudonym("sim:" + flooder);
        assertTrue(store.transcript(id).stream().anyMatch(l -> l.text().equals("spam 6 [rate-limited]")),
                "excess messages are recorded");
        String before = store.session(id).orElseThrow().node();
        say(flooder, "3");
        assertEquals(before, store.session(id).orElseThrow().node(), "no flow runs while over the limit");

        say(flooder, "i want to kill myself");
        say(flooder, "i want to kill myself");
        assertEquals(2, redis.zcard(LiveQueue.waitingKey()), "one entry for the flooder, however many messages");
        assertEquals(java.util.List.of(id, pseudonymiser.pseudonym("sim:+447700902001")),
                redis.zrange(LiveQueue.waitingKey(), 0, -1), "HIGH before LOW: ordered by tier, never by volume");
        assertEquals("HIGH", redis.hget(LiveQueue.entryKey(id), "tierName"));
    }
}
