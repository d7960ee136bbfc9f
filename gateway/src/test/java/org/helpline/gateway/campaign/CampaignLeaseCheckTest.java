package org.helpline.gateway.campaign;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A campaign lease shorter than twice the REST timeout could let two instances send one message: refused at start. */
class CampaignLeaseCheckTest extends CampaignTestBase {
    @Test
    void aLeaseShorterThanTwiceTheRestTimeoutStopsTheStart() {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> instance(Map.of("helpline.campaigns.lease", "15s", "twilio.timeout", "10s")));
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        assertTrue(messages.toString().contains("helpline.campaigns.lease (PT15S) must be at least twice twilio.timeout"),
                messages.toString());
    }

    @Test
    void theSameSettingsStartWhenThisInstanceSendsNoCampaigns() {
        var gw = instance(Map.of("helpline.campaigns.lease", "15s", "twilio.timeout", "10s",
                "helpline.campaigns.enabled", false));
        assertTrue(gw.isRunning());
        assertTrue(gw.findBean(CampaignRunner.class).isEmpty());
    }
}
