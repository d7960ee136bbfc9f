package org.helpline.gateway.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.helpline.gateway.console.Users;
import org.helpline.gateway.privacy.Pseudonymiser;
import org.helpline.gateway.support.ConsoleBrowser;
import org.helpline.gateway.support.Forms;
import org.helpline.gateway.support.Http;
import org.helpline.gateway.support.SignedTexter;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.helpline.gateway.support.TwilioStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.Jedis;

/**
 * Scrapes {@code /metrics} after real conversations through the signed webhook (real Redis, the real classifier,
 * queue and console): every metric of ours is a series, the counts are the conversation's, a forged webhook and a
 * scrape by the wrong person are refused, and no phone number, conversation id or message text appears anywhere in
 * the scrape.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsScrapeTest implements TestPropertyProvider {
    static final String METRICS_TOKEN = "metrics-token-for-the-test-0123456789abcdef";
    final TwilioStandIn twilio = new TwilioStandIn();

    @Inject
    EmbeddedServer server;
    @Inject
    Users users;
    @Inject
    Pseudonymiser pseudonymiser;
    @Inject
    MetricsSampler sampler;

    SignedTexter asksForAPerson;
    SignedTexter atRisk;
    final List<String> texts = List.of("hi", "yes", "1", "can i talk to a counsellor please",
            "my name is Zebediah and i want to die tonight");

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.signedTwilio("metrics", twilio,
                "helpline.metrics.token", METRICS_TOKEN,
                "helpline.metrics.sample-interval", "1h", // the test samples when it wants
                "helpline.queue.jobs.enabled", "false");
    }

    @BeforeAll
    void aRealConversation() {
        TestRedis.flush();
        users.create("ana", "ana-password-1", List.of("COUNSELLOR"), List.of("en"), 2);
        users.create("sam", "sam-password-1", List.of("SUPERVISOR"), List.of("en"), 1);
        String base = server.getURL().toString();
        asksForAPerson = new SignedTexter(base, TestProperties.TOKEN, TestProperties.PUBLIC, "+447700900123");
        atRisk = new SignedTexter(base, TestProperties.TOKEN, TestProperties.PUBLIC, "+447700900456");
        for (String t : texts.subList(0, 3)) {
            asksForAPerson.says(t);
        }
        assertTrue(asksForAPerson.says(texts.get(3)).contains("in line"));
        atRisk.says("hi");
        atRisk.says(texts.get(4));
        // a forged webhook: refused for its signature
        var forged = Http.post(base + "/twilio/messages", "application/x-www-form-urlencoded",
                Http.utf8(Forms.encode(Map.of("MessageSid", "SM" + "0".repeat(32), "From", "+447700900789",
                        "Body", "hello"))), Map.of("X-Twilio-Signature", "forged"));
        assertEquals(403, forged.statusCode());
        ConsoleBrowser ana = ConsoleBrowser.signIn(base, "ana", "ana-password-1");
        assertEquals(200, ana.post("/console/api/presence", "{\"presence\":\"available\"}").statusCode());
        assertEquals(200, ana.post("/console/api/next", "{}").statusCode(), "ana takes the most urgent one");
        sampler.sample();
    }

    @AfterAll
    void stopStandIn() {
        twilio.close();
    }

    private HttpResponse<String> scrape(String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.getURL() + "/metrics")).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String scrape() {
        HttpResponse<String> r = scrape("Bearer " + METRICS_TOKEN);
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    /** The value of the series {@code name{labels…}} with every given label, summed over the others. */
    static double value(String body, String name, String... labels) {
        double sum = 0;
        boolean found = false;
        for (String line : body.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            boolean all = true;
            for (String l : labels) {
                all &= line.contains(l);
            }
            if (all) {
                found = true;
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        assertTrue(found, name + " " + List.of(labels) + " is not in the scrape");
        return sum;
    }

    @Test
    void everyMetricOfOursIsASeries() {
        String body = scrape();
        for (String name : MetricNames.ALL) {
            assertFalse(PrometheusNames.series(body, name).isEmpty(), name + " has no series in the scrape");
        }
    }

    /**
     * Every metric the alerts and the dashboard query is in this scrape (Prometheus's own {@code up} aside), so that
     * a renamed metric cannot leave an alert that never fires.
     */
    @Test
    void everyMetricTheAlertsAndTheDashboardUseIsScraped() throws java.io.IOException {
        java.util.Set<String> scraped = new java.util.HashSet<>(PrometheusNames.metricNames(scrape()));
        Pattern metric = Pattern.compile("\\b(helpline_[a-z_]+|http_server_requests_[a-z_]+)\\b");
        for (String file : List.of("../ops/prometheus/alerts.yml", "../ops/prometheus/alerts-test.yml",
                "../ops/grafana/helpline.json")) {
            String text = java.nio.file.Files.readString(java.nio.file.Path.of(file));
            Matcher m = metric.matcher(text);
            java.util.Set<String> used = new java.util.TreeSet<>();
            while (m.find()) {
                used.add(m.group(1));
            }
            assertTrue(used.size() >= 5, file + " uses our metrics: " + used);
            List<String> unknown = used.stream().filter(n -> !scraped.contains(n)).toList();
            assertEquals(List.of(), unknown, file + " uses metrics the scrape does not have");
        }
    }

    @Test
    void theCountsAreTheConversations() {
        String body = scrape();
        assertEquals(1, value(body, "helpline_escalations_total", "tier=\"LOW\"", "outcome=\"added\""),
                "the texter who asked for a person");
        assertTrue(value(body, "helpline_escalations_total", "outcome=\"added\"") >= 2, "and the one at risk");
        assertEquals(1, value(body, "helpline_queue_claims_total"));
        assertEquals(1, value(body, "helpline_queue_depth"), "one of two waits still, whatever its tier");
        assertEquals(1, value(body, "helpline_counsellors", "presence=\"available\""));
        assertEquals(0, value(body, "helpline_counsellors", "presence=\"away\""));
        assertTrue(value(body, "helpline_classification_seconds_count") >= 4, "free text is classified");
        assertTrue(value(body, "helpline_classification_seconds_count", "tier=\"HIGH\"")
                + value(body, "helpline_classification_seconds_count", "tier=\"IMMINENT\"") >= 1);
        assertEquals(6, value(body, "helpline_webhook_requests_seconds_count", "webhook=\"messages\"",
                "outcome=\"answered\""));
        assertEquals(1, value(body, "helpline_webhook_requests_seconds_count", "outcome=\"refused\""));
        assertEquals(1, value(body, "helpline_refusals_total", "kind=\"inbound_webhook_signature\""));
        assertEquals(1, value(body, "helpline_redis_up"));
        assertEquals(0, value(body, "helpline_redis_errors_total"));
        assertTrue(value(body, "helpline_metrics_sample_time_seconds") > 1.7e9, "sampled, in Unix seconds");
        assertTrue(value(body, "http_server_requests_seconds_count", "uri=\"/console/api/next\"") >= 1,
                "Micronaut's own request timer is there, by route template");
    }

    @Test
    void noPhoneNumberConversationIdOrMessageTextAppears() {
        String body = scrape();
        for (SignedTexter t : List.of(asksForAPerson, atRisk)) {
            String digits = t.from.substring(1);
            assertFalse(body.contains(digits), "a phone number is in the scrape");
            assertFalse(body.contains(digits.substring(digits.length() - 6)), "part of a phone number");
            String id = pseudonymiser.pseudonym(t.from);
            assertFalse(body.contains(id) || body.contains(id.substring(0, 8)), "a conversation id is in the scrape");
        }
        assertFalse(body.contains("900789"), "the forged webhook's number");
        for (String text : texts) {
            if (text.length() > 3) {
                assertFalse(body.contains(text), "a message text is in the scrape: " + text);
            }
        }
        assertFalse(body.toLowerCase().contains("zebediah"), "a word of a message");
        // every label value is one of our fixed words: no long digit runs, no ids
        Matcher m = Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(body);
        List<String> suspicious = new ArrayList<>();
        while (m.find()) {
            if (m.group(1).equals("le")) {
                continue; // a histogram bucket's bound
            }
            String v = m.group(2);
            if (v.matches(".*\\d{5,}.*") || v.matches(".*[0-9a-f]{16,}.*") || v.contains("+44")) {
                suspicious.add(v);
            }
        }
        assertEquals(List.of(), suspicious, "label values that look like numbers or ids");
    }

    @Test
    void onlyAdministratorsSupervisorsAndTheScraperMayRead() {
        assertEquals(401, scrape(null).statusCode());
        assertEquals(401, scrape("Bearer not-the-token").statusCode());
        assertEquals(401, scrape("Basic " + METRICS_TOKEN).statusCode());
        String base = server.getURL().toString();
        assertEquals(403, ConsoleBrowser.signIn(base, "ana", "ana-password-1").get("/metrics").statusCode(),
                "a counsellor is not a supervisor");
        HttpResponse<String> sam = ConsoleBrowser.signIn(base, "sam", "sam-password-1").get("/metrics");
        assertEquals(200, sam.statusCode());
        assertTrue(sam.body().contains("helpline_queue_depth"));
    }

    @Test
    void aScrapeDoesNotCallRedis() {
        try (Jedis stats = new Jedis(URI.create(TestRedis.url()))) {
            long before = processed(stats.info("stats"));
            for (int i = 0; i < 5; i++) {
                scrape();
            }
            // this test's own INFO is the one command allowed (queue jobs are off, sampling is an hour apart here)
            long commands = processed(stats.info("stats")) - before;
            assertTrue(commands <= 2, "five scrapes ran " + commands + " Redis commands");
        }
    }

    private static long processed(String info) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("total_commands_processed:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        throw new IllegalStateException("no total_commands_processed");
    }
}
