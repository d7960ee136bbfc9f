package org.helpline.gateway.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.helpline.gateway.conversation.ConversationStore;
import org.helpline.gateway.privacy.Pseudonymiser;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.gateway.support.Http;
import org.helpline.gateway.support.TestRedis;
import org.helpline.gateway.support.TwilioSigner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.UnifiedJedis;

/**
 * The inbound webhook as Twilio calls it, against a real Redis: signatures, retries, opt-out, media, escalation and
 * every kind of bad input. Requests are sent as exact bytes so malformed ones really are malformed.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwilioWebhookTest implements TestPropertyProvider {
    static final String TOKEN = "test-auth-token-0123456789";
    static final String PUBLIC = "https://helpline.example.org";

    @Inject
    EmbeddedServer server;
    @Inject
    ConversationStore store;
    @Inject
    Pseudonymiser pseudonymiser;

    final UnifiedJedis redis = TestRedis.client();
    int sid = 0;

    @Override
    public Map<String, String> getProperties() {
        try {
            return Map.of("redis.url", TestRedis.url(),
                    "twilio.auth-token", TOKEN,
                    "helpline.public-url", PUBLIC,
                    "helpline.privacy.local-key-file",
                    Files.createTempDirectory("keys").resolve("keys.properties").toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void clean() {
        TestRedis.flush();
    }

    private String nextSid() {
        return String.format("SM%032d", ++sid);
    }

    private HttpResponse<String> signed(Map<String, String> fields) {
        return Http.post(server.getURL() + "/twilio/messages", "application/x-www-form-urlencoded",
                Http.utf8(Http.form(fields)),
                Map.of("X-Twilio-Signature", TwilioSigner.sign(TOKEN, PUBLIC + "/twilio/messages", fields)));
    }

    private HttpResponse<String> text(String from, String body) {
        return signed(org.helpline.gateway.support.Forms.inbound(nextSid(), from, body));
    }

    private String conv(String from) {
        return pseudonymiser.pseudonym(from);
    }

    @Test
    void signedMessageIsAnsweredWithTwiml() {
        HttpResponse<String> r = text("+447700900001", "hi");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/xml"));
        assertTrue(r.body().contains("<Response><Message><Body>Hi, this is the Helpline"), r.body());
        assertTrue(r.body().contains("Reply YES to continue"), r.body());
    }

    @Test
    void unsignedAndForgedWebhooksAreRefusedAndNothingIsStored() {
        Map<String, String> fields = org.helpline.gateway.support.Forms.inbound(nextSid(), "+447700900002", "hi");
        HttpResponse<String> unsigned = Http.post(server.getURL() + "/twilio/messages",
                "application/x-www-form-urlencoded", Http.utf8(Http.form(fields)), Map.of());
        assertEquals(403, unsigned.statusCode());
        assertTrue(unsigned.body().contains("missing X-Twilio-Signature"));

        String forgedSig = TwilioSigner.sign("not-the-token", PUBLIC + "/twilio/messages", fields);
        HttpResponse<String> forged = Http.post(server.getURL() + "/twilio/messages",
                "application/x-www-form-urlencoded", Http.utf8(Http.form(fields)),
                Map.of("X-Twilio-Signature", forgedSig));
        assertEquals(403, forged.statusCode());

        // signed for another body: a replay with the text changed
        String realSig = TwilioSigner.sign(TOKEN, PUBLIC + "/twilio/messages", fields);
        Map<String, String> changed = new HashMap<>(fields);
        changed.put("Body", "something else");
        assertEquals(403, Http.post(server.getURL() + "/twilio/messages", "application/x-www-form-urlencoded",
                Http.utf8(Http.form(changed)), Map.of("X-Twilio-Signature", realSig)).statusCode());

        Set<String> stored = new java.util.TreeSet<>(redis.keys("*"));
        stored.removeIf(k -> k.startsWith("jobs:{jobs}:lease:")); // the scheduled jobs' own leases, not a texter's
        assertEquals(Set.of(), stored, "a refused webhook stores nothing");
    }

    @Test
    void aRetriedMessageGetsTheSameReplyAndDoesNotAdvanceTheConversation() {
        String from = "+447700900003";
        text(from, "hi");
        Map<String, String> yes = org.helpline.gateway.support.Forms.inbound(nextSid(), from, "yes");
        HttpResponse<String> first = signed(yes);
        HttpResponse<String> retry = signed(yes);
        assertEquals(200, retry.statusCode());
        assertEquals(first.body(), retry.body());
        assertTrue(first.body().contains("How old are you?"));
        // 2 inbound + their bot replies: the retry added nothing
        long inbound = store.transcript(conv(from)).stream().filter(l -> l.direction().equals("in")).count();
        assertEquals(2, inbound);
        assertEquals("training_age", store.session(conv(from)).orElseThrow().node());
        // the retry took the conversation's lock before it knew the answer was cached, and let it go
        assertFalse(redis.exists("conv:{" + conv(from) + "}:lock"), "no lock left behind by a retry");
        assertEquals(200, text(from, "1").statusCode());

        // the cache keeps where the replies are in the transcript, not their texts (no second copy, in clear, of
        // what the bot said); lines appended since (the next message, a counsellor's line) do not move them
        String cached = redis.get("conv:{" + conv(from) + "}:replies:" + yes.get("MessageSid"));
        assertTrue(cached.matches("\\d+ \\d+"), cached);
        store.append(conv(from), List.of(store.entry(conv(from), "2026-01-01T00:00:00Z", "counsellor", null, null,
                "a counsellor's line", List.of())));
        assertEquals(first.body(), signed(yes).body());
        // and a cache written in the first form (the texts as JSON) is still answered from
        Map<String, String> older = org.helpline.gateway.support.Forms.inbound(nextSid(), from, "menu");
        redis.setex("conv:{" + conv(from) + "}:replies:" + older.get("MessageSid"), 600,
                "{\"replies\":[\"an answer kept in the old form\"]}");
        HttpResponse<String> old = signed(older);
        assertTrue(old.body().contains("an answer kept in the old form"), old.body());
    }

    @Test
    void stopIsHandledBeforeAnyFlowAndRecordedOnTheContact() {
        String from = "+447700900004";
        text(from, "hi");
        HttpResponse<String> stop = text(from, "Stop");
        assertTrue(stop.body().contains("we have stopped all messages to this number"), stop.body());
        assertTrue(store.contact(conv(from)).orElseThrow().optedOut());
        text(from, "START");
        assertFalse(store.contact(conv(from)).orElseThrow().optedOut());
    }

    @Test
    void whatsappIsAnotherAddressOfTheSameAdapter() {
        HttpResponse<String> r = text("whatsapp:+447700900005", "hola, tengo una pregunta");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("Hola, esto es la Línea de Ayuda"), r.body());
        assertEquals("WHATSAPP", store.contact(conv("whatsapp:+447700900005")).orElseThrow().channel());
    }

    @Test
    void mediaIsNeverOpenedAndTheTexterIsTold() {
        Map<String, String> f = org.helpline.gateway.support.Forms.inbound(nextSid(), "+447700900006", "");
        f.put("NumMedia", "1");
        f.put("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/AC0/Messages/MM0/Media/ME0");
        f.put("MediaContentType0", "image/jpeg");
        HttpResponse<String> r = signed(f);
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("Please don't send photos or videos"), r.body());
        String line = store.transcript(conv("+447700900006")).get(0).text();
        assertTrue(line.contains("1 attachment(s) not opened") && !line.contains("https://"), line);
    }

    @Test
    void askingForAPersonPutsTheConversationInTheLiveQueue() {
        String from = "+447700900007";
        text(from, "hi");
        text(from, "yes");
        HttpResponse<String> r = text(from, "can i talk to a counsellor");
        assertTrue(r.body().contains("A counsellor will be with you soon"), r.body());
        assertEquals(1, redis.zcard(LiveQueue.waitingKey()));
        assertEquals("LOW", redis.hget(LiveQueue.entryKey(conv(from)), "tierName"));
        text(from, "i want to kill myself"); // raises the tier, never a second entry
        assertEquals(1, redis.zcard(LiveQueue.waitingKey()));
        assertEquals("HIGH", redis.hget(LiveQueue.entryKey(conv(from)), "tierName"));
    }

    @Test
    void noPlaintextMessageBodyOrNumberInRedis() {
        String from = "+447700900008";
        String secret = "my stepdad hits me every night xyzzy";
        text(from, "hi");
        text(from, secret);
        text(from, "counsellor please plugh");
        for (String key : redis.keys("*")) {
            assertFalse(key.contains("447700900008"), key);
            String type = redis.type(key);
            List<String> values = switch (type) {
                case "string" -> List.of(redis.get(key));
                case "hash" -> List.copyOf(redis.hgetAll(key).values());
                case "list" -> redis.lrange(key, 0, -1);
                case "zset" -> redis.zrange(key, 0, -1);
                default -> List.of();
            };
            for (String v : values) {
                assertFalse(v.contains("xyzzy") || v.contains("stepdad") || v.contains("plugh"), key + " holds text");
                assertFalse(v.contains("447700900008"), key + " holds the number");
            }
        }
        assertEquals(secret, store.transcript(conv(from)).get(2).text(), "readable with the key");
    }

    @Test
    void missingFieldsAreAClearBadRequest() {
        Map<String, String> f = org.helpline.gateway.support.Forms.inbound(nextSid(), "+447700900009", "hi");
        f.remove("From");
        HttpResponse<String> r = signed(f);
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("missing field From"));
        Map<String, String> badFrom = org.helpline.gateway.support.Forms.inbound(nextSid(), "not-a-number", "hi");
        assertEquals(400, signed(badFrom).statusCode());
        Map<String, String> badMedia = org.helpline.gateway.support.Forms.inbound(nextSid(), "+447700900009", "hi");
        badMedia.put("NumMedia", "lots");
        assertEquals(400, signed(badMedia).statusCode());
    }

    @Test
    void wrongContentTypeIsRefused() {
        HttpResponse<String> r = Http.post(server.getURL() + "/twilio/messages", "application/json",
                Http.utf8("{\"Body\":\"hi\"}"), Map.of("X-Twilio-Signature", "x"));
        assertEquals(415, r.statusCode());
    }

    @Test
    void oversizedBodiesAreRefused() {
        byte[] big = ("Body=" + "a".repeat(70_000)).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = Http.post(server.getURL() + "/twilio/messages", "application/x-www-form-urlencoded",
                big, Map.of("X-Twilio-Signature", "x"));
        assertEquals(413, r.statusCode());
    }

    @Test
    void invalidUtf8IsABadRequest() {
        byte[] body = "MessageSid=SM1&From=%2B447700900010&Body=%C3%28".getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> r = Http.post(server.getURL() + "/twilio/messages", "application/x-www-form-urlencoded",
                body, Map.of("X-Twilio-Signature", "x"));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("not valid UTF-8"));
    }

    @Test
    void sixteenHundredCharactersEmojiAndRtlGetANormalReplyAndAreKeptIntact() {
        String from = "+447700900011";
        assertEquals(200, text(from, "hi").statusCode());
        String longText = "a".repeat(1600);
        assertEquals(200, text(from, longText).statusCode());
        assertEquals(400, text(from, "b".repeat(1601)).statusCode());
        String odd = "😭😭 \u202Eمرحبا\u202C שלום 👩🏽‍💻 \u0000 end";
        assertEquals(200, text(from, odd).statusCode());
        List<ConversationStore.Line> lines = store.transcript(conv(from));
        List<String> inbound = lines.stream().filter(l -> l.direction().equals("in")).map(ConversationStore.Line::text)
                .toList();
        assertEquals(List.of("hi", longText, "😭😭 \u202Eمرحبا\u202C שלום 👩🏽‍💻  end"), inbound);
        assertEquals(200, text(from, "yes").statusCode(), "the conversation still works");
    }

    @Test
    void trainingConsentIsStoredWithTheSessionAndWithdrawnByItsKeyword() {
        String from = "+447700900031";
        text(from, "hi");
        assertTrue(text(from, "yes").body().contains("How old are you?"));
        assertTrue(text(from, "17").body().contains("Can we use your messages"));
        assertTrue(text(from, "yes").body().contains("Text NOLEARN any time"));
        assertTrue(store.session(conv(from)).orElseThrow().trainingConsented(), "the training store reads it here");
        assertTrue(text(from, "NOLEARN").body().contains("we won't use your messages"));
        assertFalse(store.session(conv(from)).orElseThrow().trainingConsented());
    }

    @Test
    void statusCallbacksAreSignedAndDeduplicated() {
        Map<String, String> f = Map.of("MessageSid", "SM" + "f".repeat(32), "MessageStatus", "delivered",
                "AccountSid", "AC0");
        String sig = TwilioSigner.sign(TOKEN, PUBLIC + "/twilio/status", f);
        HttpResponse<String> first = Http.post(server.getURL() + "/twilio/status", "application/x-www-form-urlencoded",
                Http.utf8(Http.form(f)), Map.of("X-Twilio-Signature", sig));
        HttpResponse<String> again = Http.post(server.getURL() + "/twilio/status", "application/x-www-form-urlencoded",
                Http.utf8(Http.form(f)), Map.of("X-Twilio-Signature", sig));
        assertEquals("recorded", first.body());
        assertEquals("duplicate", again.body());
        assertEquals("delivered", redis.hget(DeliveryStatuses.statusKey("SM" + "f".repeat(32)), "status"));
        assertEquals(403, Http.post(server.getURL() + "/twilio/status", "application/x-www-form-urlencoded",
                Http.utf8(Http.form(f)), Map.of()).statusCode());
    }

    @Test
    void simulatorIsOffUnlessConfigured() {
        assertEquals(404, Http.get(server.getURL() + "/simulator").statusCode());
    }

    @Test
    void healthAnswersUpWithoutDetailsToAnonymousCallers() {
        // Redis's details are for signed-in operators (security/LowFindingsTest); a balancer needs the status only
        HttpResponse<String> r = Http.get(server.getURL() + "/health");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("\"status\":\"UP\"") && !r.body().contains("PONG"), r.body());
    }
}
