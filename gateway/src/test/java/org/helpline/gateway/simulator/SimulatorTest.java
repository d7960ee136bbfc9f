package org.helpline.gateway.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.helpline.gateway.channel.Address;
import org.helpline.gateway.channel.OutboundMessage;
import org.helpline.gateway.channel.Senders;
import org.helpline.gateway.support.Http;
import org.helpline.gateway.support.TestProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The simulator page and API: a texter's view of the helpline without a Twilio account. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulatorTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;
    @Inject
    Senders senders;

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of("sim", "helpline.simulator.enabled", "true");
    }

    private String say(String from, String json) {
        var r = Http.post(server.getURL() + "/simulator/api/messages", "application/json", Http.utf8(json), Map.of());
        return r.statusCode() + " " + r.body();
    }

    @Test
    void pageIsServed() {
        var r = Http.get(server.getURL() + "/simulator");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("Helpline simulator"));
        assertTrue(r.body().contains("textContent"), "texts are rendered as text, never as HTML");
    }

    @Test
    void aConversationRunsThroughTheApi() {
        assertTrue(say("+447700900777", "{\"from\":\"+447700900777\",\"text\":\"hi\"}").contains("Reply YES"));
        assertTrue(say("+447700900777", "{\"from\":\"+447700900777\",\"text\":\"yes\"}")
                .contains("How old are you?"));
        assertTrue(say("+447700900777", "{\"from\":\"+447700900777\",\"text\":\"skip\"}")
                .contains("Which language"));
    }

    @Test
    void aResentMessageIdIsAnsweredOnce() {
        String msg = "{\"from\":\"+447700900778\",\"text\":\"hi\",\"id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\"}";
        String first = say("+447700900778", msg);
        String again = say("+447700900778", msg);
        assertTrue(again.contains("\"duplicate\":true"), again);
        assertEquals(first.replace("\"duplicate\":false", ""), again.replace("\"duplicate\":true", ""));
    }

    @Test
    void badRequestsAreClear() {
        assertTrue(say("x", "{\"from\":\"12\",\"text\":\"hi\"}").startsWith("400"));
        assertTrue(say("x", "{\"from\":\"+447700900779\",\"text\":\"\"}").startsWith("400"));
        assertTrue(say("x", "{\"from\":\"+447700900779\",\"text\":\"" + "a".repeat(1601) + "\"}").startsWith("400"));
        assertTrue(say("x", "not json").startsWith("400"));
    }

    @Test
    void asynchronousMessagesReachTheSimulatorOutbox() {
        senders.send(OutboundMessage.text(Address.parse("sim:+447700900780"), "a counsellor says hello"));
        var r = Http.get(server.getURL() + "/simulator/api/outbox?from=%2B447700900780&after=0");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("a counsellor says hello") && r.body().contains("\"next\":1"), r.body());
        var later = Http.get(server.getURL() + "/simulator/api/outbox?from=%2B447700900780&after=1");
        assertTrue(later.body().contains("\"messages\":[]"), later.body());
    }
}
