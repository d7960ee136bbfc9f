package org.helpline.gateway.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.util.List;
import org.helpline.gateway.channel.Address;
import org.helpline.gateway.support.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CSV import: every rejected row named with its line and reason; a bad file imports nothing unless asked. */
class CsvImportTest extends CampaignTestBase {
    ApplicationContext gw;
    CsvImport csv;
    Subscribers list;

    @BeforeEach
    void start() {
        gw = instance(java.util.Map.of("helpline.campaigns.enabled", "false"));
        csv = gw.getBean(CsvImport.class);
        list = gw.getBean(Subscribers.class);
    }

    static final String HEADER = "phone,channel,language,tags,timezone,consent_at,consent_record\n";

    @Test
    void aCleanFileImportsEveryRowWithItsConsent() {
        CsvImport.Report r = csv.run(HEADER
                + "+447911123801,sms,en,school-a;year-9,,2026-03-01,paper form 0017\n"
                + "07911 123802,,es,school-a,,2026-03-01T10:00:00Z,paper form 0018\n"
                + "\"+254 711 000 803\",whatsapp,sw,,Africa/Nairobi,2026-03-02,\"assembly sign-up, sheet 3\"\n", false);
        assertTrue(r.committed(), r.message());
        assertEquals(3, r.imported());
        assertEquals(0, r.rejectedCount());
        Subscriber local = list.get(list.idOf(Address.parse("+447911123802"))).orElseThrow();
        assertEquals("es", local.language());
        assertEquals("paper form 0018", local.consentRecord());
        assertEquals("import", local.consentSource());
        Subscriber wa = list.get(list.idOf(Address.parse("whatsapp:+254711000803"))).orElseThrow();
        assertEquals("WHATSAPP", wa.channel());
        assertEquals("Africa/Nairobi", wa.zone());
        assertEquals("assembly sign-up, sheet 3", wa.consentRecord());
        assertEquals(List.of("school-a", "year-9"),
                list.get(list.idOf(Address.parse("+447911123801"))).orElseThrow().tags());
        assertEquals(3, TestRedis.client().scard(CampaignKeys.subscribed()));
        // importing the same file again updates, adds nobody
        CsvImport.Report again = csv.run(HEADER + "+447911123801,sms,en,school-a,,2026-03-01,paper form 0017\n",
                false);
        assertEquals(0, again.imported());
        assertEquals(1, again.alreadySubscribed());
    }

    @Test
    void everyBadRowIsNamedAndNothingIsImportedHalfWay() {
        list.subscribe(join("+447911123899", "en", List.of(), null), false);
        list.optOut(list.idOf(Address.parse("+447911123899")), "keyword");
        String file = HEADER
                + "+447911123811,sms,en,,,2026-03-01,form 1\n"          // line 2: fine
                + "12345,sms,en,,,2026-03-01,form 2\n"                  // line 3: not a number
                + "+447911123813,sms,en,,,2026-03-01,\n"                // line 4: no consent record
                + "+447911123811,sms,en,,,2026-03-01,form 4\n"          // line 5: duplicate of line 2
                + "+447911123815,fax,en,,,2026-03-01,form 5\n"          // line 6: channel
                + "+447911123816,sms,english,,,2026-03-01,form 6\n"     // line 7: language
                + "+447911123817,sms,en,,Mars/Olympus,2026-03-01,form 7\n" // line 8: zone
                + "+447911123818,sms,en,,,yesterday,form 8\n"           // line 9: date
                + "+447911123819,sms,en,,,2026-03-01\n"                 // line 10: fields
                + "+447911123899,sms,en,,,2026-03-01,form 10\n";        // line 11: opted out
        CsvImport.Report r = csv.run(file, false);
        assertFalse(r.committed());
        assertEquals(0, r.imported());
        assertEquals(9, r.rejectedCount());
        assertTrue(r.message().contains("Nothing was imported"), r.message());
        List<Integer> lines = r.rejected().stream().map(CsvImport.Rejected::line).sorted().toList();
        assertEquals(List.of(3, 4, 5, 6, 7, 8, 9, 10, 11), lines);
        assertEquals("duplicate of line 2 (same number and channel)", reason(r, 5));
        assertTrue(reason(r, 3).contains("not a valid phone number"), reason(r, 3));
        assertFalse(reason(r, 3).contains("12345"), "the report does not repeat whole numbers");
        assertTrue(reason(r, 4).contains("consent record"), reason(r, 4));
        assertTrue(reason(r, 11).contains("opted out"), reason(r, 11));
        assertEquals(0, TestRedis.client().scard(CampaignKeys.subscribed()), "nothing imported");

        CsvImport.Report partial = csv.run(file, true);
        assertTrue(partial.committed());
        assertEquals(1, partial.imported());
        assertEquals(9, partial.rejectedCount());
        assertTrue(TestRedis.client().sismember(CampaignKeys.subscribed(),
                list.idOf(Address.parse("+447911123811"))));
    }

    @Test
    void aWrongHeaderOrBrokenCsvIsExplained() {
        CsvImport.Report noConsent = csv.run("phone,language\n+447911123821,en\n", false);
        assertFalse(noConsent.committed());
        assertTrue(noConsent.rejected().get(0).reason().contains("missing column(s) [consent_at, consent_record]"),
                noConsent.rejected().get(0).reason());
        CsvImport.Report unclosed = csv.run(HEADER + "\"+447911123822,sms,en,,,2026-03-01,x\n", false);
        assertFalse(unclosed.committed());
        assertTrue(unclosed.rejected().get(0).reason().contains("never closed"));
        assertEquals(0, csv.run("", false).imported());
    }

    private static String reason(CsvImport.Report r, int line) {
        return r.rejected().stream().filter(x -> x.line() == line).findFirst().orElseThrow().reason();
    }
}
