package org.helpline.gateway.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.channel.Senders;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.gateway.support.TwilioStandIn;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * A worker frozen past its lease (a long GC pause, a suspended VM; {@code scripts/chaos pause} does it with SIGSTOP)
 * wakes up still holding recipients that another instance has meanwhile taken over, found unsent at Twilio and put
 * back to be sent: it must not send them as well. Found by the chaos run: before the check, the resumed worker sent
 * the rest of its batch and those recipients got the message twice.
 */
class StalledWorkerTest extends CampaignTestBase {
    @Test
    void aWorkerThatStalledPastItsLeaseDoesNotSendWhatWasTakenOver() {
        ApplicationContext gw = instance(Map.of("helpline.campaigns.enabled", false)); // runners driven by hand
        Subscribers list = gw.getBean(Subscribers.class);
        list.subscribe(join("+447700900301", "en", List.of(), "UTC"), false);
        CampaignService campaigns = gw.getBean(CampaignService.class);
        String id = campaigns.create(request("Stall", Map.of("en", "Stay safe"),
                new Campaign.Audience(List.of(), List.of(), List.of("SMS")), 10, null), "tester").id();
        assertEquals(List.of(id), campaigns.startDue());
        Campaign campaign = campaigns.campaign(id).orElseThrow();
        CampaignRunner stalled = runner(gw);
        CampaignRunner survivor = runner(gw);
        UnifiedJedis redis = gw.getBean(UnifiedJedis.class);
        SendScripts scripts = new SendScripts(redis);
        long lease = gw.getBean(CampaignConfiguration.class).lease().toMillis();

        // the stalled instance's worker claims the recipient, then freezes before sending
        var claim = scripts.claim(id, clock.millis(), stalled.owner(), lease, 1, 10, 1);
        String recipient = assertInstanceOf(SendScripts.Recipients.class, claim).ids().get(0);
        clock.advance(Duration.ofMillis(lease + 1000));
        survivor.reconcile(id); // not at Twilio: back to pending, for the survivor's workers to send
        assertEquals(1, campaigns.status(id).orElseThrow().counts().get("reconciled:requeued"));

        stalled.process(campaign, recipient); // the worker wakes up and carries on with its batch
        assertEquals(List.<TwilioStandIn.Created>of(), twilio.created(), "nothing sent by the stalled worker");
        assertTrue(redis.sismember(CampaignKeys.pending(id), recipient), "still the survivor's to send");

        var again = scripts.claim(id, clock.millis(), survivor.owner(), lease, 1, 10, 1);
        survivor.process(campaign, assertInstanceOf(SendScripts.Recipients.class, again).ids().get(0));
        assertEquals(1, twilio.created().size(), "sent once, by the survivor");
        assertEquals(1, campaigns.status(id).orElseThrow().counts().get("accepted"));
    }

    private CampaignRunner runner(ApplicationContext gw) {
        return new CampaignRunner(gw.getBean(CampaignService.class), gw.getBean(Subscribers.class),
                gw.getBean(Senders.class), gw.getBean(org.helpline.gateway.conversation.BroadcastPause.class), gw.getBean(UnifiedJedis.class),
                clock, gw.getBean(CampaignConfiguration.class), java.time.Duration.ofSeconds(1));
    }
}
