package org.helpline.gateway.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.helpline.gateway.campaign.Campaign;
import org.helpline.gateway.campaign.CampaignService;
import org.helpline.gateway.campaign.CsvImport;
import org.helpline.gateway.channel.Senders;
import org.helpline.gateway.console.Users;
import org.helpline.gateway.support.ConsoleBrowser;
import org.helpline.gateway.support.Http;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The development run (environment {@code dev}, no Twilio account) on the tests' real Redis: a young person texting
 * as an SMS number from the simulator, a counsellor's reply to them and a small campaign all go through the real
 * Twilio SDK to the in-process stand-in, show on the simulator's phone for that number, and come back as signed
 * status callbacks counted as delivered.
 */
@MicronautTest(environments = "dev")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevSenderTest implements TestPropertyProvider {
    /** WhatsApp broadcasts need an approved template outside the 24-hour window, in the dev run too. */
    private static final String TEMPLATE = "HX" + "0".repeat(32);
    @Inject
    EmbeddedServer server;
    @Inject
    Users users;
    @Inject
    Senders senders;
    @Inject
    CsvImport imports;
    @Inject
    CampaignService campaigns;
    @Inject
    DeliveryStatuses statuses;
    @Inject
    DevPhone phone;

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of("devsender", "helpline.campaigns.retry-backoff", "100ms");
    }

    @BeforeAll
    void counsellor() {
        TestRedis.flush();
        users.create("dee", "dee-password-1", List.of("COUNSELLOR"), List.of("en"), 2);
    }

    private String text(String channel, String from, String body) {
        var r = Http.post(server.getURL() + "/simulator/api/messages", "application/json",
                Http.utf8("{\"from\":\"" + from + "\",\"channel\":\"" + channel + "\",\"text\":\"" + body + "\"}"),
                Map.of());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private String phone(String channel, String from) {
        return Http.get(server.getURL() + "/simulator/api/outbox?from=" + from.replace("+", "%2B") + "&after=0"
                + "&channel=" + channel).body();
    }

    private static void await(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
        fail("timed out waiting for " + what);
    }

    @Test
    void theSimulatorKnowsTheDevSenderIsThere() {
        assertTrue(Http.get(server.getURL() + "/simulator/api/info").body().contains("\"devSender\":true"));
        assertEquals(Senders.Route.STAND_IN, senders.route(org.helpline.gateway.channel.Channel.SMS));
    }

    @Test
    void aCounsellorsReplyToAnSmsConversationReachesTheStandInAndIsDelivered() {
        String from = "+447700900411";
        assertTrue(text("sms", from, "talk to someone").contains("conversation"));
        ConsoleBrowser dee = ConsoleBrowser.signIn(server.getURL().toString(), "dee", "dee-password-1");
        assertEquals(200, dee.post("/console/api/presence", "{\"presence\":\"AVAILABLE\"}").statusCode());
        var claimed = dee.post("/console/api/next", "{}");
        assertEquals(200, claimed.statusCode(), claimed.body());
        String id = claimed.body().replaceAll("(?s).*\"conversation\":\"([^\"]+)\".*", "$1");
        var sent = dee.post("/console/api/conversations/" + id + "/messages",
                "{\"text\":\"Hi, I'm Dee. I'm here to listen.\"}");
        assertEquals(200, sent.statusCode(), sent.body());
        assertTrue(sent.body().contains("\"status\":\"sent\""), sent.body());
        // on the simulator's phone for this SMS number, after "a counsellor has joined"
        await("the reply on the phone", () -> phone("sms", from).contains("I'm here to listen"));
        String transcript = dee.get("/console/api/conversations/" + id).body();
        assertFalse(transcript.contains("NOT DELIVERED"), transcript);
        // the stand-in's signed status callbacks came back through /twilio/status
        List<DevPhone.Delivered> delivered = phone.since(from, 0);
        String sid = delivered.get(delivered.size() - 1).sid();
        await("delivered", () -> "delivered".equals(statuses.status(sid).get("status")));
        // nothing reached the simulator's own outbox: the SMS number's phone is the stand-in's
        assertTrue(phone("simulator", from).contains("\"messages\":[]"));
    }

    @Test
    void aSmallCampaignToFictionalNumbersIsDeliveredToTheStandIn() {
        // a time zone where it is the middle of the day now, so that the campaign's quiet hours defer nobody (London
        // or Auckland alone left the hours around 08:00 UTC, evening in Auckland, to defer both)
        String zone = java.util.stream.Stream.of("Europe/London", "Asia/Kolkata", "Asia/Tokyo", "Pacific/Auckland",
                        "America/New_York", "America/Los_Angeles")
                .filter(z -> {
                    int hour = java.time.LocalTime.now(java.time.ZoneId.of(z)).getHour();
                    return hour >= 10 && hour < 18;
                })
                .findFirst().orElseThrow();
        String csv = "phone,channel,timezone,consent_at,consent_record\n"
                + "+447700900421,sms," + zone + ",2026-01-01,dev form 1\n"
                + "+12025550142,whatsapp," + zone + ",2026-01-01,dev form 2\n";
        CsvImport.Report report = imports.run(csv, false);
        assertEquals(2, report.imported(), report.message() + " " + report.rejected());
        var audience = new Campaign.Audience(List.of(), List.of(), List.of());
        var request = new CampaignService.Request("Dev run", Map.of("en", "Staying safe online: a tip."), null,
                audience, null, null, null, 10.0, TEMPLATE, null);
        assertTrue(campaigns.preview(request).warnings().stream().anyMatch(w -> w.startsWith("Development sender")),
                campaigns.preview(request).warnings().toString());
        String id = campaigns.create(request, "tester").id();
        await("campaign completed", () -> {
            var st = campaigns.status(id).orElseThrow();
            return st.state().equals("completed");
        });
        await("both delivered", () -> campaigns.status(id).orElseThrow().counts()
                .getOrDefault("status:delivered", 0L) == 2L);
        assertEquals(0L, campaigns.status(id).orElseThrow().counts().getOrDefault("failed", 0L),
                campaigns.status(id).orElseThrow().counts().toString());
        assertTrue(phone("sms", "+447700900421").contains("Staying safe online"));
        assertTrue(phone("whatsapp", "+12025550142").contains("[template " + TEMPLATE + "]"),
                "the stand-in shows which template a WhatsApp contact got: " + phone("whatsapp", "+12025550142"));
    }

    @Test
    void theStandInRefusesAnotherAccountAndABadSignature() {
        var r = Http.post(server.getURL() + "/dev/twilio/2010-04-01/Accounts/AC0/Messages.json",
                "application/x-www-form-urlencoded", Http.utf8("To=%2B447700900431&From=x&Body=hi"), Map.of());
        assertEquals(401, r.statusCode());
        var forged = Http.post(server.getURL() + "/twilio/status", "application/x-www-form-urlencoded",
                Http.utf8("MessageSid=SM" + "f".repeat(32) + "&MessageStatus=delivered"),
                Map.of("X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl"));
        assertEquals(403, forged.statusCode(), forged.body());
    }
}
