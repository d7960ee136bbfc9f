package org.helpline.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.helpline.gateway.campaign.Subscribers;
import org.helpline.gateway.channel.Address;
import org.helpline.gateway.console.Users;
import org.helpline.gateway.support.CapturedLog;
import org.helpline.gateway.support.Forms;
import org.helpline.gateway.support.Http;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.helpline.gateway.support.TwilioSigner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Finding 5 (low), each slip replayed: a WARN line for every refused webhook and rate-limited message (5,219 lines in
 * 20 s); no {@code Secure} cookie behind {@code X-Forwarded-Proto: https}; CSV consent records in plain text with no
 * expiry; campaigners receiving counsellors' presence and the queue depth; {@code /health} details for anonymous
 * callers; a transfer to oneself answered "transferred". (Timing and counters for unknown usernames:
 * {@link LoginBurstTest}.)
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LowFindingsTest implements TestPropertyProvider {
    private static final String TOKEN = "low-findings-auth-token-0123456789";
    private static final String PUBLIC = "http://helpline.example.org";
    @Inject
    EmbeddedServer server;
    @Inject
    Users users;
    @Inject
    Subscribers subscribers;

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of("low-findings", "twilio.auth-token", TOKEN, "helpline.public-url", PUBLIC,
                "helpline.security.trusted-proxies", "127.0.0.1", "helpline.security.summary-interval", "1s",
                "helpline.rate-limit.burst", "3");
    }

    @BeforeAll
    void usersExist() {
        TestRedis.flush();
        users.create("ana", "ana-password-1", List.of("COUNSELLOR"), List.of("en"), 2);
        users.create("cam", "cam-password-1", List.of("CAMPAIGNER"), List.of("en"), 1);
        users.create("ada", "ada-password-1", List.of("ADMIN"), List.of("en"), 1);
    }

    private String base() {
        return server.getURL().toString();
    }

    private Browser signedIn(String user, String password) {
        Browser b = new Browser(base());
        assertEquals("/console", b.login(user, password));
        return b;
    }

    private java.net.http.HttpResponse<String> signed(String sid, String from, String body) {
        Map<String, String> fields = Forms.inbound(sid, from, body);
        return Http.post(base() + "/twilio/messages", "application/x-www-form-urlencoded",
                Http.utf8(Http.form(fields)),
                Map.of("X-Twilio-Signature", TwilioSigner.sign(TOKEN, PUBLIC + "/twilio/messages", fields)));
    }

    @Test
    void refusedWebhooksAndFloodsAreSummedUpNotLoggedOneByOne() throws Exception {
        List<ILoggingEvent> events;
        try (CapturedLog captured = CapturedLog.root()) {
            for (int i = 0; i < 200; i++) {
                var r = Http.post(base() + "/twilio/messages", "application/x-www-form-urlencoded",
                        Http.utf8(Http.form(Forms.inbound(String.format("SM%032d", 10_000 + i), "+447700903001",
                                "hi"))), Map.of());
                assertEquals(403, r.statusCode());
            }
            for (int i = 0; i < 30; i++) {
                assertEquals(200, signed(String.format("SM%032d", 20_000 + i), "+447700903002", "flood " + i)
                        .statusCode());
            }
            Thread.sleep(2500); // the summary interval is 1 s in this test
            events = captured.events();
        }
        List<ILoggingEvent> warnings = events.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .toList();
        assertTrue(warnings.size() <= 6, warnings.size() + " WARN lines for 200 refusals and a flood: "
                + warnings.stream().map(ILoggingEvent::getFormattedMessage).toList());
        long refused = 0;
        long limited = 0;
        Matcher m;
        for (ILoggingEvent e : warnings) {
            m = Pattern.compile("inbound webhook refused: missing X-Twilio-Signature=(\\d+)")
                    .matcher(e.getFormattedMessage());
            refused += m.find() ? Long.parseLong(m.group(1)) : 0;
            m = Pattern.compile("message over the sender rate limit: kept, no flow run=(\\d+)")
                    .matcher(e.getFormattedMessage());
            limited += m.find() ? Long.parseLong(m.group(1)) : 0;
        }
        assertEquals(200, refused, "the summaries count every refused webhook");
        assertTrue(limited >= 20, limited + " rate-limited messages summed up");
        String health = signedIn("ada", "ada-password-1").get("/health").body();
        assertTrue(health.contains("\"inbound webhook refused\":"), "counted on /health for operators: " + health);
    }

    @Test
    void healthShowsDetailsToSignedInOperatorsOnly() {
        var anonymous = Http.get(base() + "/health");
        assertEquals(200, anonymous.statusCode());
        assertTrue(anonymous.body().contains("\"status\":\"UP\""), anonymous.body());
        assertFalse(anonymous.body().contains("PONG") || anonymous.body().contains("diskSpace"),
                "anonymous callers see the status only: " + anonymous.body());
        String operator = signedIn("ada", "ada-password-1").get("/health").body();
        assertTrue(operator.contains("PONG") && operator.contains("diskSpace"), operator);
    }

    @Test
    void theSessionCookieIsSecureWhenATrustedProxySaysHttpsOrThePublicUrlIsHttps() {
        var viaProxy = new Browser(base()).loginResponse("ana", "ana-password-1", Map.of("X-Forwarded-Proto", "https"));
        assertTrue(viaProxy.headers().firstValue("Set-Cookie").orElse("").contains("Secure"),
                viaProxy.headers().map().toString());
        var plain = new Browser(base()).loginResponse("ana", "ana-password-1", Map.of());
        assertFalse(plain.headers().firstValue("Set-Cookie").orElse("").contains("Secure"),
                "plain HTTP on a development machine still works");
        Map<String, Object> p = new java.util.HashMap<>(TestProperties.of("low-findings-https",
                "helpline.public-url", "https://localhost"));
        p.put("micronaut.server.port", -1);
        try (ApplicationContext ctx = ApplicationContext.run(p)) {
            EmbeddedServer https = ctx.getBean(EmbeddedServer.class).start();
            ctx.getBean(Users.class).create("ana", "ana-password-1", List.of("COUNSELLOR"), List.of("en"), 2);
            // the public URL's host, as a browser behind a proxy that keeps the Host header asks for it
            var r = new Browser("http://localhost:" + https.getPort()).loginResponse("ana", "ana-password-1", Map.of());
            assertTrue(r.headers().firstValue("Set-Cookie").orElse("").contains("Secure"), r.headers().map().toString());
            // an instance's own address (another host) keeps plain HTTP working
            var direct = new Browser("http://127.0.0.1:" + https.getPort()).loginResponse("ana", "ana-password-1",
                    Map.of());
            assertFalse(direct.headers().firstValue("Set-Cookie").orElse("").contains("Secure"));
        }
    }

    @Test
    void campaignersReceiveNoQueueDepthOrCounsellorPresence() throws Exception {
        Browser ana = signedIn("ana", "ana-password-1");
        Browser cam = signedIn("cam", "cam-password-1");
        List<String> anaEvents = ana.events();
        List<String> camEvents = cam.events();
        long deadline = System.currentTimeMillis() + 5000;
        while ((anaEvents.isEmpty() || camEvents.isEmpty()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(200, ana.post("/console/api/presence", "{\"presence\":\"available\"}").statusCode());
        deadline = System.currentTimeMillis() + 5000;
        while (anaEvents.stream().noneMatch(l -> l.contains("presence")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(anaEvents.stream().anyMatch(l -> l.contains("presence")), "a counsellor sees presence");
        Thread.sleep(500);
        assertTrue(camEvents.stream().anyMatch(l -> l.contains("hello")), "the campaigner's stream is open");
        assertTrue(camEvents.stream().noneMatch(l -> l.contains("presence") || l.contains("depth")),
                "a campaigner received " + camEvents);
    }

    @Test
    void aTransferToOneselfIsRefusedWithAClearMessage() {
        for (String t : List.of("hi", "yes", "can i talk to a counsellor")) {
            assertEquals(200, signed("SM" + Integer.toHexString(t.hashCode()) + "0000000000000000", "+447700903003", t)
                    .statusCode());
        }
        Browser ana = signedIn("ana", "ana-password-1");
        assertEquals(200, ana.post("/console/api/presence", "{\"presence\":\"available\"}").statusCode());
        var claimed = ana.post("/console/api/next", "{}");
        assertEquals(200, claimed.statusCode(), claimed.body());
        String id = claimed.body().replaceAll(".*\"conversation\":\"([^\"]+)\".*", "$1");
        var self = ana.post("/console/api/conversations/" + id + "/transfer", "{\"to\":\"ana\"}");
        assertEquals(409, self.statusCode(), self.body());
        assertTrue(self.body().contains("You already hold this conversation"), self.body());
        assertEquals(200, ana.get("/console/api/conversations/" + id).statusCode(), "still hers");
    }

    @Test
    void importedConsentRecordsAreEncryptedAndExpire() {
        Browser cam = signedIn("cam", "cam-password-1");
        var r = cam.postRaw("/console/api/campaigns/contacts/import", "text/csv",
                "phone,channel,language,consent_at,consent_record,consent_source\n"
                        + "+447911123877,sms,en,2026-01-10,Form 77 signed by Jo Bloggs,St Mary's School\n");
        assertEquals(200, r.statusCode(), r.body());
        String id = subscribers.idOf(Address.parse("+447911123877"));
        Map<String, String> stored = TestRedis.client().hgetAll(org.helpline.gateway.campaign.CampaignKeys.subscriber(id));
        assertFalse(stored.isEmpty());
        assertFalse(stored.toString().contains("Jo Bloggs") || stored.toString().contains("St Mary"),
                "consent in plain text: " + stored);
        assertTrue(TestRedis.client().ttl(org.helpline.gateway.campaign.CampaignKeys.subscriber(id)) > 0,
                "the list record expires");
        var s = subscribers.get(id).orElseThrow();
        assertEquals("Form 77 signed by Jo Bloggs", s.consentRecord());
        assertTrue(s.consentSource().contains("St Mary's School"), s.consentSource());

        // erasure: the young person texts DELETE, then YES; the list record and its consent evidence go too
        assertTrue(signed("SM" + "e".repeat(32), "+447911123877", "DELETE").body().contains("delete everything"));
        assertEquals(200, signed("SM" + "f".repeat(32), "+447911123877", "yes").statusCode());
        assertFalse(TestRedis.client().exists(org.helpline.gateway.campaign.CampaignKeys.subscriber(id)),
                "the consent record outlived an erasure");
        assertFalse(TestRedis.client().sismember(org.helpline.gateway.campaign.CampaignKeys.subscribed(), id));
    }
}
