package org.helpline.gateway.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.helpline.gateway.channel.Address;
import org.helpline.gateway.channel.OutboundMessage;
import org.helpline.gateway.channel.SendResult;
import org.helpline.gateway.channel.Senders;
import org.helpline.gateway.config.HelplineConfiguration;
import org.helpline.gateway.support.TwilioStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A counsellor's reply when Twilio fails: 429 and 5xx are retried with backoff; a timeout after Twilio created the
 * message is checked against Twilio's message list, so the reply is never sent twice; a permanent refusal is returned
 * (the console shows it as not delivered). Real SDK, local stand-in.
 */
class ReliableSendTest {
    static final String SID = "AC00000000000000000000000000000000";
    final TwilioStandIn twilio = new TwilioStandIn();

    @AfterEach
    void stop() {
        twilio.close();
    }

    private Senders senders(Duration timeout) {
        return new Senders(List.of(new TwilioRestSender(new TwilioConfiguration(SID, "token", "+447700900999",
                twilio.baseUrl()), new HelplineConfiguration("https://helpline.example.org", "en", "GB", 1600, false),
                timeout)));
    }

    private static OutboundMessage reply() {
        return OutboundMessage.text(Address.parse("+447911123456"), "I'm here. Take your time.");
    }

    @Test
    void rateLimitsAndServerErrorsAreRetriedWithBackoff() {
        AtomicInteger calls = new AtomicInteger();
        twilio.answer(r -> switch (calls.incrementAndGet()) {
            case 1 -> TwilioStandIn.Answer.error(429, 20429, "Too Many Requests");
            case 2 -> TwilioStandIn.Answer.error(503, 20500, "Service Unavailable");
            default -> TwilioStandIn.Answer.message("SM" + "7".repeat(32), r.form().get("To"));
        });
        long t0 = System.nanoTime();
        SendResult r = senders(Duration.ofSeconds(5)).sendReliably(reply(), 3, Duration.ofMillis(100));
        long waitedMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(r.accepted());
        assertEquals(3, twilio.received().size(), "two refusals, then one message");
        assertEquals(1, twilio.created().size());
        assertTrue(waitedMs >= 300, "backed off 100 ms, then 200 ms: waited " + waitedMs + " ms");
    }

    @Test
    void aTimeoutAfterTwilioCreatedTheMessageIsNotSentAgain() {
        twilio.delay(r -> r.method().equals("POST") ? 1500L : 0L); // created at once, answered too late
        SendResult r = senders(Duration.ofMillis(400)).sendReliably(reply(), 3, Duration.ofMillis(50));
        assertTrue(r.accepted(), "found in Twilio's message list");
        assertEquals(1, twilio.created().size(), "sent once");
        assertEquals(twilio.created().get(0).sid(), r.providerId());
    }

    @Test
    void aPermanentRefusalIsNotRetriedAndIsReported() {
        twilio.answer(r -> TwilioStandIn.Answer.error(400, 21211, "Invalid 'To' Phone Number"));
        SendResult r = senders(Duration.ofSeconds(5)).sendReliably(reply(), 3, Duration.ofMillis(50));
        assertFalse(r.accepted());
        assertEquals(21211, r.errorCode());
        assertEquals(1, twilio.received().size(), "not retried");
    }

    @Test
    void everyAttemptFailingReturnsTheLastFailure() {
        twilio.answer(r -> TwilioStandIn.Answer.error(503, 20500, "Service Unavailable"));
        SendResult r = senders(Duration.ofSeconds(5)).sendReliably(reply(), 3, Duration.ofMillis(20));
        assertFalse(r.accepted());
        assertTrue(r.retryable());
        assertEquals(3, twilio.received().size());
    }
}
