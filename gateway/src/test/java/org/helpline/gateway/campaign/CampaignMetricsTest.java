package org.helpline.gateway.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.metrics.MetricsSampler;
import org.junit.jupiter.api.Test;

/**
 * A campaign sent through the real runner and SDK to the Twilio stand-in, sampled as it runs: the configured rate is
 * the campaign's, the actual rate is measured from the accepted count and stays near it, and the sends are counted
 * by status.
 */
class CampaignMetricsTest extends CampaignTestBase {

    static double value(String scrape, String series) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError(series + " is not in the scrape");
    }

    @Test
    void configuredAndActualRatesAndSendsByStatus() throws Exception {
        ApplicationContext gw = instance(Map.of("helpline.metrics.sample-interval", "1h"));
        Subscribers list = gw.getBean(Subscribers.class);
        CampaignService campaigns = gw.getBean(CampaignService.class);
        MetricsSampler sampler = gw.getBean(MetricsSampler.class);
        PrometheusMeterRegistry prometheus = gw.getBean(PrometheusMeterRegistry.class);
        int recipients = 40;
        for (int i = 0; i < recipients; i++) {
            list.subscribe(join(String.format("+4477009006%02d", i), "en", List.of(), null), false);
        }
        String id = campaigns.create(request("Tips", Map.of("en", "Stay safe online"),
                new Campaign.Audience(List.of(), List.of(), List.of("SMS")), 10, null), "tester").id();
        List<Double> actual = new ArrayList<>();
        double configured = 0;
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!state(campaigns, id).equals("completed") && System.nanoTime() < end) {
            Thread.sleep(1000);
            sampler.sample();
            String scrape = prometheus.scrape();
            if (value(scrape, "helpline_campaigns_running") == 1) {
                configured = value(scrape, "helpline_campaign_rate_configured");
                actual.add(value(scrape, "helpline_campaign_rate_actual"));
            }
        }
        assertEquals("completed", state(campaigns, id));
        assertEquals(10, configured, "the campaign's own rate");
        // the first sample of a campaign has no previous count to compare with; the last may straddle its end
        List<Double> steady = actual.size() > 2 ? actual.subList(1, actual.size() - 1) : actual;
        System.out.println("campaign rate configured 10/s, actual per sample: " + actual);
        assertTrue(steady.stream().anyMatch(a -> a >= 5 && a <= 13), "near 10/s: " + actual);
        assertTrue(steady.stream().allMatch(a -> a <= 13), "never well above the configured rate: " + actual);
        String after = prometheus.scrape();
        assertEquals(recipients, value(after, "helpline_campaign_sends_total{status=\"accepted\"}"));
        assertEquals(0, value(after, "helpline_campaign_sends_total{status=\"failed\"}"));
        sampler.sample();
        assertEquals(0, value(prometheus.scrape(), "helpline_campaigns_running"));
    }
}
