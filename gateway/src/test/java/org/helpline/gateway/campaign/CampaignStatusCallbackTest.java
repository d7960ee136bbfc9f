package org.helpline.gateway.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.channel.Address;
import org.helpline.gateway.support.Http;
import org.helpline.gateway.support.TwilioSigner;
import org.junit.jupiter.api.Test;

/** Twilio's signed status callbacks for campaign messages, counted once per status, per campaign. */
class CampaignStatusCallbackTest extends CampaignTestBase {
    @Test
    void statusesAreCountedOnceAndForgedOnesRefused() {
        ApplicationContext gw = instance();
        EmbeddedServer server = gw.getBean(EmbeddedServer.class).start();
        Subscribers list = gw.getBean(Subscribers.class);
        CampaignService campaigns = gw.getBean(CampaignService.class);
        list.subscribe(join("+447700900701", "en", List.of(), "UTC"), false);
        list.subscribe(join("+447700900702", "en", List.of(), "UTC"), false);
        var sms = new Campaign.Audience(List.of(), List.of(), List.of("SMS"));
        String id = campaigns.create(request("Callbacks", Map.of("en", "Hi"), sms, 20, null), "tester").id();
        await("campaign completed", Duration.ofSeconds(20), () -> state(campaigns, id).equals("completed"));
        String r1 = list.idOf(Address.parse("+447700900701"));
        String r2 = list.idOf(Address.parse("+447700900702"));
        String cb1 = "/twilio/status?campaign=" + id + "&r=" + r1;
        String cb2 = "/twilio/status?campaign=" + id + "&r=" + r2;
        // exactly the callback URL the SDK was given
        assertEquals(PUBLIC + cb1, twilio.received().stream().filter(r -> r.form().get("To").equals("+447700900701"))
                .findFirst().orElseThrow().form().get("StatusCallback"));

        assertEquals("recorded", post(server, cb1, "SM" + "a".repeat(32), "sent", null).body().strip());
        assertEquals("recorded", post(server, cb1, "SM" + "a".repeat(32), "delivered", null).body().strip());
        assertEquals("duplicate", post(server, cb1, "SM" + "a".repeat(32), "delivered", null).body().strip());
        assertEquals("recorded", post(server, cb2, "SM" + "b".repeat(32), "undelivered", "30003").body().strip());
        assertEquals("recorded", post(server, cb2, "SM" + "b".repeat(32), "failed", "21610").body().strip());
        HttpResponse<String> forged = Http.post(server.getURL() + cb1, "application/x-www-form-urlencoded",
                Http.utf8(Http.form(form("SM" + "c".repeat(32), "delivered", null))),
                Map.of("X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl"));
        assertEquals(403, forged.statusCode());

        assertEquals(1, count(campaigns, id, "status:sent"));
        assertEquals(1, count(campaigns, id, "status:delivered"));
        assertEquals(1, count(campaigns, id, "status:undelivered"));
        assertEquals(1, count(campaigns, id, "status:failed"));
        assertEquals(1, count(campaigns, id, "error:30003"));
        assertEquals(1, count(campaigns, id, "error:21610"));
        assertEquals(1, count(campaigns, id, "opted_out"), "21610 in a callback takes the contact off the list");
        assertEquals(Subscriber.OPTED_OUT, list.get(r2).orElseThrow().status());
    }

    private static Map<String, String> form(String sid, String status, String error) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("MessageSid", sid);
        f.put("MessageStatus", status);
        f.put("AccountSid", SID);
        if (error != null) {
            f.put("ErrorCode", error);
        }
        return f;
    }

    private static HttpResponse<String> post(EmbeddedServer server, String pathAndQuery, String sid, String status,
                                             String error) {
        Map<String, String> f = form(sid, status, error);
        return Http.post(server.getURL() + pathAndQuery, "application/x-www-form-urlencoded", Http.utf8(Http.form(f)),
                Map.of("X-Twilio-Signature", TwilioSigner.sign(TOKEN, PUBLIC + pathAndQuery, f)));
    }
}
