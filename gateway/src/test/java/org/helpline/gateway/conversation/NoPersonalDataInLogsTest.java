package org.helpline.gateway.conversation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.support.CapturedLog;
import org.helpline.gateway.support.Forms;
import org.helpline.gateway.support.Http;
import org.helpline.gateway.support.TestProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A whole conversation with an escalation, a refused webhook and a bad one: no log line holds the number or text. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoPersonalDataInLogsTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of("log", "helpline.allow-unsigned", "true");
    }

    @Test
    void logsHoldNeitherPhoneNumbersNorMessageText() {
        List<ILoggingEvent> lines;
        try (CapturedLog captured = CapturedLog.root(Level.DEBUG)) {
            String from = "+447700900246";
            String[] texts = {"hi", "yes", "my uncle makes me keep secrets quux", "i want to die tonight frobnicate",
                    "counsellor"};
            int n = 0;
            for (String t : texts) {
                var r = Http.post(server.getURL() + "/twilio/messages", "application/x-www-form-urlencoded",
                        Http.utf8(Forms.encode(Forms.inbound(String.format("SM%032d", ++n), from, t))), Map.of());
                assertTrue(r.statusCode() == 200, r.body());
            }
            Http.post(server.getURL() + "/twilio/messages", "application/x-www-form-urlencoded",
                    Http.utf8("MessageSid=SMx&From=" + from + "&Body=%ZZ quux"), Map.of());
            lines = captured.events();
        }
        assertTrue(lines.size() > 3, "the conversation was logged");
        for (ILoggingEvent e : lines) {
            String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                    : e.getThrowableProxy().getMessage());
            assertFalse(line.contains("447700900246") || line.contains("7700 900246"), "number in log: " + line);
            assertFalse(line.contains("quux") || line.contains("frobnicate") || line.contains("secrets"),
                    "message text in log: " + line);
        }
    }
}
