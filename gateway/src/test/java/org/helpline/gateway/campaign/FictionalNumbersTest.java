package org.helpline.gateway.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.channel.FictionalNumbers;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Outside the development run (no {@code dev} environment, no Twilio account): the simulator's fictional numbers are
 * refused by a contacts import with a reason that says so, real numbers still import, and the campaign preview warns
 * that no real sender is configured.
 */
@MicronautTest
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class FictionalNumbersTest implements TestPropertyProvider {
    @Inject
    CsvImport imports;
    @Inject
    CampaignService campaigns;

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of("fictional", "helpline.campaigns.enabled", "false");
    }

    @BeforeEach
    void clean() {
        TestRedis.flush();
    }

    @Test
    void theRangesAreKnown() {
        assertTrue(FictionalNumbers.range("+447700900123").isPresent());
        assertTrue(FictionalNumbers.range("+442079460123").isPresent());
        assertTrue(FictionalNumbers.range("+12025550142").isPresent());
        assertTrue(FictionalNumbers.range("+447911123456").isEmpty());
        assertTrue(FictionalNumbers.range("+12025550200").isEmpty(), "555-0200 is not in the fiction range");
    }

    @Test
    void fictionalNumbersAreRefusedOutsideTheDevelopmentRun() {
        CsvImport.Report r = imports.run("phone,consent_at,consent_record\n"
                + "+447700900421,2026-01-01,form 1\n"
                + "+12025550142,2026-01-01,form 2\n"
                + "+447911123456,2026-01-01,form 3\n", true);
        assertEquals(1, r.imported(), r.rejected().toString());
        assertEquals(2, r.rejectedCount());
        for (CsvImport.Rejected rejected : r.rejected()) {
            assertTrue(rejected.reason().contains("fictional test number")
                    && rejected.reason().contains("only in the development run"), rejected.reason());
            assertTrue(!rejected.reason().contains("900421") && !rejected.reason().contains("5550142"),
                    "the number is masked in the reason: " + rejected.reason());
        }
    }

    @Test
    void thePreviewWarnsThatNoRealSenderIsConfigured() {
        imports.run("phone,consent_at,consent_record\n+447911123456,2026-01-01,form 3\n", false);
        var request = new CampaignService.Request("Prod", Map.of("en", "Hello"), null,
                new Campaign.Audience(List.of(), List.of(), List.of()), null, null, null, 10.0, "HX" + "0".repeat(32), null);
        List<String> warnings = campaigns.preview(request).warnings();
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("No SMS/WhatsApp sender is configured")
                && w.contains("1 SMS/WhatsApp contact(s) would all fail")), warnings.toString());
    }
}
