package org.helpline.gateway.twilio;

import org.helpline.gateway.channel.Address;
import org.helpline.gateway.channel.OutboundMessage;
import org.helpline.gateway.channel.SendResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.helpline.gateway.config.HelplineConfiguration;
import org.helpline.gateway.support.TwilioStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** REST sending through the real Twilio SDK, pointed at a local stand-in for api.twilio.com. */
class TwilioRestSenderTest {
    static final String SID = "AC00000000000000000000000000000000";
    final TwilioStandIn twilio = new TwilioStandIn();

    @AfterEach
    void stop() {
        twilio.close();
    }

    private TwilioRestSender sender(String from) {
        return new TwilioRestSender(new TwilioConfiguration(SID, "token", from, twilio.baseUrl()),
                new HelplineConfiguration("https://helpline.example.org", "en", "GB", 1600, false));
    }

    @Test
    void smsGoesToTheMessagesResourceWithAuthAndStatusCallback() {
        SendResult r = sender("+447700900999").send(OutboundMessage.text(Address.parse("+447700900123"), "hello 👋"));
        assertTrue(r.accepted());
        assertTrue(r.providerId().startsWith("SM"));
        TwilioStandIn.Received req = twilio.received().get(0);
        assertEquals("POST", req.method());
        assertEquals("/2010-04-01/Accounts/" + SID + "/Messages.json", req.path());
        assertEquals("Basic " + Base64.getEncoder().encodeToString((SID + ":token").getBytes(StandardCharsets.UTF_8)),
                req.authorization());
        assertEquals("+447700900123", req.form().get("To"));
        assertEquals("+447700900999", req.form().get("From"));
        assertEquals("hello 👋", req.form().get("Body"));
        assertEquals("https://helpline.example.org/twilio/status", req.form().get("StatusCallback"));
    }

    @Test
    void whatsappUsesTheWhatsappSchemeOnBothEnds() {
        sender("+447700900999").send(OutboundMessage.text(Address.parse("whatsapp:+447700900123"), "hola"));
        TwilioStandIn.Received req = twilio.received().get(0);
        assertEquals("whatsapp:+447700900123", req.form().get("To"));
        assertEquals("whatsapp:+447700900999", req.form().get("From"));
    }

    @Test
    void messagingServiceAndTemplatesAreSupported() {
        sender("MG00000000000000000000000000000000").send(new OutboundMessage(
                Address.parse("whatsapp:+447700900123"), null, "HX00000000000000000000000000000000", "{\"1\":\"Ana\"}", null,
                org.helpline.gateway.channel.Purpose.CAMPAIGN));
        TwilioStandIn.Received req = twilio.received().get(0);
        assertEquals("MG00000000000000000000000000000000", req.form().get("MessagingServiceSid"));
        assertEquals("HX00000000000000000000000000000000", req.form().get("ContentSid"));
        assertEquals("{\"1\":\"Ana\"}", req.form().get("ContentVariables"));
        assertNull(req.form().get("Body"));
    }

    @Test
    void anOptedOutRecipientIsAPermanentFailureWithItsCode() {
        twilio.answer(r -> TwilioStandIn.Answer.error(400, 21610, "Attempt to send to unsubscribed recipient"));
        SendResult r = sender("+447700900999").send(OutboundMessage.text(Address.parse("+447700900123"), "hi"));
        assertFalse(r.accepted());
        assertEquals(21610, r.errorCode());
        assertFalse(r.retryable());
        assertEquals(1, twilio.received().size(), "4xx is never retried");
    }

    @Test
    void serverErrorsAreReportedRetryableAfterOneRequest() {
        AtomicInteger calls = new AtomicInteger();
        twilio.answer(r -> {
            calls.incrementAndGet();
            return TwilioStandIn.Answer.error(503, 20500, "Service unavailable");
        });
        SendResult r = sender("+447700900999").send(OutboundMessage.text(Address.parse("+447700900123"), "hi"));
        assertFalse(r.accepted());
        assertTrue(r.retryable());
        // the SDK's own immediate re-sends are off (a 5xx may have created the message): callers retry with backoff
        // and check first (ReliableSendTest)
        assertEquals(1, calls.get());
    }

    @Test
    void rateLimitingIsRetryable() {
        twilio.answer(r -> TwilioStandIn.Answer.error(429, 20429, "Too Many Requests"));
        SendResult r = sender("+447700900999").send(OutboundMessage.text(Address.parse("+447700900123"), "hi"));
        assertEquals(20429, r.errorCode());
        assertTrue(r.retryable());
    }

    @Test
    void anUnreachableApiIsRetryableNotACrash() {
        TwilioRestSender s = new TwilioRestSender(new TwilioConfiguration(SID, "token", "+447700900999",
                "http://127.0.0.1:" + org.helpline.gateway.redis.EmbeddedRedis.freePort()),
                new HelplineConfiguration(null, "en", "GB", 1600, false));
        SendResult r = s.send(OutboundMessage.text(Address.parse("+447700900123"), "hi"));
        assertFalse(r.accepted());
        assertTrue(r.retryable());
    }
}
