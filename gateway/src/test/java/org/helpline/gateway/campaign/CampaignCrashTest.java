package org.helpline.gateway.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.helpline.gateway.support.TwilioStandIn;
import org.junit.jupiter.api.Test;

/**
 * Two instances send one campaign; one is stopped in the middle of its sends (Twilio has created the messages it
 * was sending but the instance never hears back). The survivor takes over its leases, asks Twilio what went out, and
 * finishes: every recipient gets the message exactly once.
 */
class CampaignCrashTest extends CampaignTestBase {
    @Test
    void anInstanceStoppedMidCampaignLosesNobodyAndMessagesNobodyTwice() {
        ApplicationContext survivor = instance();
        ApplicationContext doomed = instance();
        Subscribers list = survivor.getBean(Subscribers.class);
        for (int i = 0; i < 150; i++) {
            list.subscribe(join(String.format("+4477009%05d", 30_000 + i), "en", List.of(), "UTC"), false);
        }
        // every answer is slow, so at any moment both instances have sends in flight
        twilio.delay(r -> 120L);
        CampaignService campaigns = survivor.getBean(CampaignService.class);
        var sms = new Campaign.Audience(List.of(), List.of(), List.of("SMS"));
        String id = campaigns.create(request("Crash", Map.of("en", "Stay safe"), sms, 60, null), "tester").id();
        await("a third sent", Duration.ofSeconds(30), () -> twilio.created().size() >= 50);
        doomed.close(); // its Redis pool closes under its workers: what they were sending is never recorded
        await("campaign completed", Duration.ofSeconds(60), () -> state(campaigns, id).equals("completed"));

        List<TwilioStandIn.Created> created = twilio.created();
        Map<String, Long> perRecipient = created.stream()
                .collect(Collectors.groupingBy(TwilioStandIn.Created::to, Collectors.counting()));
        assertEquals(150, perRecipient.size(), "nobody lost");
        assertEquals(List.of(), perRecipient.entrySet().stream().filter(e -> e.getValue() > 1).toList(),
                "nobody messaged twice");
        assertEquals(150, count(campaigns, id, "accepted"));
        assertEquals(150, count(campaigns, id, "done"));
        long reconciled = count(campaigns, id, "reconciled:sent") + count(campaigns, id, "reconciled:requeued");
        assertTrue(reconciled > 0, "the stopped instance left leases to take over: " + campaigns.status(id)
                .orElseThrow().counts());
    }
}
