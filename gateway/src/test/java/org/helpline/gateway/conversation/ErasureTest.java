package org.helpline.gateway.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.privacy.Pseudonymiser;
import org.helpline.gateway.queue.Counsellors;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.gateway.support.Http;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.UnifiedJedis;

/** Erasure by the young person: DELETE, confirm, everything gone; never while a counsellor holds the chat. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErasureTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;
    @Inject
    Pseudonymiser pseudonymiser;
    @Inject
    LiveQueue queue;
    @Inject
    Counsellors counsellors;
    @Inject
    ConversationStore store;
    final UnifiedJedis redis = TestRedis.client();

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of("erase", "helpline.simulator.enabled", "true");
    }

    private String say(String from, String text) {
        var r = Http.post(server.getURL() + "/simulator/api/messages", "application/json",
                Http.utf8("{\"from\":\"" + from + "\",\"text\":\"" + text + "\"}"), Map.of());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    @Test
    void deleteThenYesErasesTranscriptStateContactAndQueueEntry() {
        String from = "+447700903001";
        String id = pseudonymiser.pseudonym("sim:" + from);
        say(from, "hi");
        say(from, "yes");
        say(from, "can i talk to a counsellor");
        assertTrue(queue.position(id) >= 0);
        assertTrue(say(from, "DELETE").contains("Do you want us to delete everything"));
        assertTrue(say(from, "yes").contains("We have deleted your messages and your details"));
        assertEquals(List.of(), List.copyOf(redis.keys("conv:{" + id + "}:*")), "nothing left under its keys");
        assertFalse(redis.exists(LiveQueue.entryKey(id)));
        assertEquals(-1, queue.position(id));
        assertTrue(store.contact(id).isEmpty());
        assertTrue(say(from, "hello").contains("Reply YES to continue"), "a new message starts fresh");
    }

    @Test
    void erasureIsRefusedWhileACounsellorHoldsTheConversationAndTheCounsellorIsTold() {
        String from = "+447700903002";
        String id = pseudonymiser.pseudonym("sim:" + from);
        say(from, "hi");
        say(from, "yes");
        say(from, "counsellor");
        counsellors.register("ana", 5, List.of("en"));
        counsellors.presence("ana", "available");
        String claimed;
        do {
            claimed = queue.claim("ana").orElseThrow();
        } while (!claimed.equals(id));
        String reply = say(from, "delete my data");
        assertTrue(reply.contains("A counsellor is talking with you right now"), reply);
        assertTrue(store.contact(id).isPresent(), "nothing was erased");
        assertTrue(store.transcript(id).stream().anyMatch(l -> l.direction().equals("system")
                && l.text().contains("asked for their messages and details to be erased")),
                "the counsellor sees the request");
    }
}
