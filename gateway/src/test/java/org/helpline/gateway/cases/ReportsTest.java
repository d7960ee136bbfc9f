package org.helpline.gateway.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.support.MutableClock;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.helpline.nlp.RiskTier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Case records and the reports made of them, with real Redis and a clock the test moves: contacts and escalations per
 * day and per hour of day (in the helpline's time zone), the median and 95th percentile wait by tier, categories,
 * outcomes and referrals; the contact's history with its notes readable (and encrypted at rest); records written
 * before referrals existed still read; the CSV export without notes, text or numbers, and formula-safe.
 */
class ReportsTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-06-10T09:00:00Z"));
    ApplicationContext context;
    CaseRecords records;
    Reports reports;

    @BeforeEach
    void start() {
        TestRedis.flush();
        Map<String, Object> p = new java.util.HashMap<>(TestProperties.of("reports", "helpline.queue.jobs.enabled",
                "false", "helpline.campaigns.enabled", "false",
                "helpline.hours.zone", "Asia/Kolkata"));     // +05:30 all year: hours that are not UTC's
        context = ApplicationContext.builder().properties(p).singletons(clock).start();
        records = context.getBean(CaseRecords.class);
        reports = context.getBean(Reports.class);
    }

    @AfterEach
    void stop() {
        context.close();
    }

    private void close(String conversation, String tier, long waitSeconds, Outcome outcome, String... categories) {
        review(conversation, tier, null, waitSeconds, outcome, categories);
    }

    private void review(String conversation, String tier, RiskTier reviewed, long waitSeconds, Outcome outcome,
                        String... categories) {
        records.record(conversation, "ana", tier, clock.millis() - waitSeconds * 1000, waitSeconds * 1000,
                new CaseRecords.Closing(List.of(categories), AgeBand.AGE_13_15, Gender.PREFER_NOT_TO_SAY, outcome,
                        "Talked about school; call +447700900123", reviewed, null));
    }

    private void refer(String conversation, Outcome outcome, List<Referral> referrals) {
        records.record(conversation, "ana", "LOW", clock.millis() - 60_000, 60_000L,
                new CaseRecords.Closing(List.of("family"), AgeBand.AGE_16_17, Gender.GIRL, outcome, null, null,
                        referrals));
    }

    private static long count(List<Reports.Count> counts, String code) {
        return counts.stream().filter(c -> c.code().equals(code)).findFirst().orElseThrow().count();
    }

    @Test
    void referralsApartFromTheOutcomeHoursInTheHelplinesZoneAndRecordsFromBeforeReferralsStillRead()
            throws Exception {
        // a record and a history entry as they were written before referrals and arrival times existed
        long oldClosedAt = Instant.parse("2026-06-10T03:00:00Z").toEpochMilli();       // 08:30 in Kolkata
        TestRedis.client().rpush(CaseRecords.recordsKey(), "{\"caseId\":\"old-case\",\"closedAt\":" + oldClosedAt
                + ",\"counsellor\":\"bo\",\"tier\":\"LOW\",\"categories\":[\"family\"],\"ageBand\":\"UNKNOWN\","
                + "\"gender\":\"NOT_ASKED\",\"outcome\":\"SUPPORTED\",\"waitMillis\":5000}");
        String sealed = context.getBean(org.helpline.gateway.privacy.MessageCipher.class)
                .encrypt("old notes", CaseRecords.notesContext("r1", "old-case"));
        TestRedis.client().rpush(CaseRecords.historyKey("r1"), "{\"caseId\":\"old-case\",\"closedAt\":"
                + oldClosedAt + ",\"counsellor\":\"bo\",\"tier\":\"LOW\",\"categories\":[\"family\"],"
                + "\"ageBand\":\"UNKNOWN\",\"outcome\":\"SUPPORTED\",\"sealedNotes\":\"" + sealed + "\"}");

        // 09:00Z, arrived 08:59Z: 14:29 in Kolkata
        refer("r1", Outcome.REFERRED_SERVICE, List.of(Referral.POLICE, Referral.CHILD_PROTECTION));
        refer("r2", Outcome.SUPPORTED, List.of(Referral.NONE));
        refer("r3", Outcome.SUPPORTED, List.of(Referral.MENTAL_HEALTH, Referral.MENTAL_HEALTH));
        clock.advance(Duration.ofHours(3));                                             // arrived 17:29 there
        refer("r4", Outcome.INFORMATION_GIVEN, null);

        Reports.Report r = reports.report(7, null, Map.of());
        assertEquals("Asia/Kolkata", r.zone(), "no zone asked for: the helpline's");
        assertEquals(5, r.contacts());
        assertEquals(1, count(r.referrals(), "POLICE"));
        assertEquals(1, count(r.referrals(), "CHILD_PROTECTION"));
        assertEquals(1, count(r.referrals(), "MENTAL_HEALTH"), "a place given twice is one referral");
        assertEquals(1, count(r.referrals(), "NONE"));
        assertEquals(0, count(r.referrals(), "LEGAL_AID"));
        assertEquals(Referral.values().length, r.referrals().size(), "every place, empty ones too");
        assertEquals(2, r.referralsNotRecorded(), "r4 did not say, the old record could not");
        assertEquals(2, r.escalations(), "r1 by its outcome, r3 by its referral alone");

        assertEquals(24, r.hours().size());
        assertEquals(3, r.hours().get(14).contacts(), "by the hour they reached the queue, in Kolkata");
        assertEquals(2, r.hours().get(14).escalations());
        assertEquals(1, r.hours().get(17).contacts());
        assertEquals(1, r.hours().get(8).contacts(), "the old record has no arrival: the hour it was closed");
        assertEquals(5, r.hours().stream().mapToLong(Reports.Hour::contacts).sum());
        Reports.Report utc = reports.report(7, "UTC", Map.of());
        assertEquals(3, utc.hours().get(8).contacts(), "another zone asked for: its hours");
        assertEquals(1, utc.hours().get(3).contacts());

        assertEquals(List.of("Police", "Child protection / social services"),
                records.history("r1").get(0).referrals(), "the next counsellor reads them in words, newest first");
        assertEquals("old notes", records.history("r1").get(1).notes());
        assertNull(records.history("r1").get(1).referrals(), "an old history entry reads without one");

        String[] lines = reports.csv(7, null).split("\r\n");
        assertTrue(lines[0].endsWith(",outcome,reviewed_tier,referrals,arrived_at"), lines[0]);
        assertEquals(6, lines.length);
        assertTrue(lines[1].startsWith("old-case,2026-06-10T08:30+05:30,2026-06-10,bo,LOW,5,family,")
                && lines[1].endsWith(",SUPPORTED,,,"), "no arrival in an old record: " + lines[1]);
        assertTrue(lines[2].endsWith(",REFERRED_SERVICE,,POLICE;CHILD_PROTECTION,2026-06-10T14:29+05:30"), lines[2]);
        assertTrue(lines[3].endsWith(",SUPPORTED,,NONE,2026-06-10T14:29+05:30"), lines[3]);
        assertTrue(lines[5].endsWith(",INFORMATION_GIVEN,,,2026-06-10T17:29+05:30"), lines[5]);

        IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> new CaseRecords.Closing(
                List.of("family"), AgeBand.UNKNOWN, Gender.NOT_ASKED, Outcome.SUPPORTED, null, null,
                List.of(Referral.NONE, Referral.POLICE)));
        assertEquals("“No referral” cannot go with a referral: choose one or the other.", both.getMessage());
        assertNull(new CaseRecords.Closing(List.of("family"), AgeBand.UNKNOWN, Gender.NOT_ASKED, Outcome.SUPPORTED,
                null, null, List.of()).referrals(), "an empty list says nothing, as a left-out one");
    }

    @Test
    void theCounsellorsReviewOfTheRiskAgainstTheTierTheCaseWasEscalatedAt() {
        review("a1", "HIGH", RiskTier.HIGH, 10, Outcome.SUPPORTED, "family");          // agreed
        review("a2", "IMMINENT", RiskTier.IMMINENT, 10, Outcome.SUPPORTED, "family");  // agreed
        review("a3", "HIGH", RiskTier.LOW, 10, Outcome.SUPPORTED, "family");           // a false alarm
        review("a4", "LOW", RiskTier.HIGH, 10, Outcome.SUPPORTED, "family");           // missed
        review("a5", "NONE", RiskTier.IMMINENT, 10, Outcome.SUPPORTED, "family");      // missed
        review("a6", "HIGH", RiskTier.IMMINENT, 10, Outcome.SUPPORTED, "family");      // both HIGH+: neither
        close("a7", "HIGH", 10, Outcome.SUPPORTED, "family");                          // not reviewed
        clock.advance(Duration.ofDays(1));
        review("a8", "LOW", RiskTier.LOW, 10, Outcome.SUPPORTED, "family");

        Reports.Report r = reports.report(7, "UTC", Map.of());
        Reports.Agreement a = r.agreement();
        assertEquals(7, a.reviewed(), "the unreviewed case is left out");
        assertEquals(3, a.agreed());
        assertEquals(2, a.missed(), "counsellor HIGH+ where the tier was below");
        assertEquals(1, a.falseAlarms(), "tier HIGH+ where the counsellor said below");
        assertEquals(16, a.matrix().size(), "every pair of tiers");
        assertEquals(1, cell(a, RiskTier.LOW, RiskTier.HIGH));
        assertEquals(1, cell(a, RiskTier.HIGH, RiskTier.IMMINENT));
        assertEquals(0, cell(a, RiskTier.IMMINENT, RiskTier.NONE));
        Reports.Day yesterday = r.days().stream().filter(d -> d.date().equals("2026-06-10")).findFirst().orElseThrow();
        assertEquals(7, yesterday.contacts());
        assertEquals(6, yesterday.reviewed());
        assertEquals(2, yesterday.agreed());
        Reports.Day today = r.days().get(r.days().size() - 1);
        assertEquals(1, today.reviewed());
        assertEquals(1, today.agreed());

        String csv = reports.csv(7, "UTC");
        assertTrue(csv.startsWith("case_id,") && csv.split("\r\n")[0].endsWith(",outcome,reviewed_tier,referrals,"
                + "arrived_at"), csv);
        assertTrue(csv.contains(",SUPPORTED,HIGH,,"), "a4's review: " + csv);
        assertTrue(csv.contains(",SUPPORTED,,,"), "a7 was not reviewed: " + csv);
    }

    private static long cell(Reports.Agreement a, RiskTier model, RiskTier counsellor) {
        return a.matrix().stream().filter(c -> c.model() == model && c.counsellor() == counsellor).findFirst()
                .orElseThrow().count();
    }

    @Test
    void contactsPerDayWaitsByTierCategoriesAndOutcomes() {
        close("c1", "LOW", 60, Outcome.SUPPORTED, "education");
        close("c2", "LOW", 120, Outcome.INFORMATION_GIVEN, "education", "family");
        clock.advance(Duration.ofDays(1));
        close("c3", "IMMINENT", 30, Outcome.REFERRED_EMERGENCY, "mental_health.suicidal");
        for (int i = 0; i < 18; i++) {
            close("d" + i, "LOW", 10 * (i + 1), Outcome.SUPPORTED, "peer_relationships");
        }
        clock.advance(Duration.ofDays(20));
        close("old-1", "HIGH", 100, Outcome.SUPPORTED, "family");  // today; the others are 20 days back

        Reports.Report r = reports.report(30, "UTC", Map.of("education", "School", "family", "Family",
                "mental_health.suicidal", "Suicidal thoughts", "peer_relationships", "Peers"));
        assertEquals(22, r.contacts());
        assertEquals(2, r.escalations(), "the IMMINENT one (referred) and the HIGH one");
        Reports.Day first = r.days().stream().filter(d -> d.date().equals("2026-06-10")).findFirst().orElseThrow();
        assertEquals(2, first.contacts());
        assertEquals(30, r.days().size(), "every day of the period, empty ones too");
        Reports.Waits low = r.waits().stream().filter(w -> w.tier().equals("LOW")).findFirst().orElseThrow();
        assertEquals(20, low.cases());
        // waits 10, 20, ..., 180 s and 60, 120 s: nearest rank
        assertEquals(90L, low.medianSeconds(), "the 10th of 20 sorted waits");
        assertEquals(170L, low.p95Seconds(), "the 19th of 20");
        assertEquals("Peers", r.categories().get(0).label());
        assertEquals(18, r.categories().get(0).count());
        assertEquals(2, r.categories().stream().filter(c -> c.code().equals("family")).findFirst().orElseThrow()
                .count(), "several categories per case are counted");

        assertEquals(1, reports.report(7, "UTC", Map.of()).contacts(), "a week back: only today's");
    }

    @Test
    void theContactsHistoryHasItsNotesTheExportHasNoneAndIsFormulaSafe() {
        String conversation = "conversation-pseudonym-7f3a";
        close(conversation, "LOW", 60, Outcome.SUPPORTED, "education");
        List<PastCase> history = records.history(conversation);
        assertEquals(1, history.size());
        assertEquals("Talked about school; call +447700900123", history.get(0).notes());
        String stored = TestRedis.client().lindex(CaseRecords.historyKey(conversation), 0);
        assertFalse(stored.contains("school"), "notes encrypted at rest: " + stored);
        assertTrue(TestRedis.client().ttl(CaseRecords.historyKey(conversation)) > 0, "expires with the conversation");
        assertEquals(List.of(), records.history("c2"), "another contact's history is its own");

        String csv = reports.csv(7, "UTC");
        String[] lines = csv.split("\r\n");
        assertEquals(2, lines.length, csv);
        assertTrue(lines[0].startsWith("case_id,closed_at,date,counsellor,tier,wait_seconds,categories"), lines[0]);
        assertFalse(csv.contains("school") || csv.contains("+44") || csv.contains(conversation),
                "no notes, no numbers, no conversation id: " + csv);
        assertTrue(lines[1].endsWith(",LOW,60,education,AGE_13_15,PREFER_NOT_TO_SAY,SUPPORTED,,,2026-06-10T08:59Z"),
                lines[1]);
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", Reports.cell("=HYPERLINK(\"x\")"));
        assertEquals("'+1", Reports.cell("+1"));
        assertEquals("'@sum", Reports.cell("@sum"));
        assertEquals("\"a,b\"", Reports.cell("a,b"));
    }

    @Test
    void waitsThatEndedWithoutACounsellorAreContactsNotAnsweredCountedApartFromWhatCounsellorsRecord() {
        // 09:00Z: a counsellor's case, and three waits that ended without one (Kolkata: 14:30)
        close("c1", "LOW", 60, Outcome.SUPPORTED, "education");
        long arrived = clock.millis();
        clock.advance(Duration.ofMinutes(40));                                      // 15:10 in Kolkata
        String silent = records.endedWaiting("HIGH", arrived, null, Outcome.ENDED_WAITING).orElseThrow();
        clock.advance(Duration.ofMinutes(20));
        records.endedWaiting("LOW", clock.millis() - 300_000, null, Outcome.OPTED_OUT_WAITING);   // 5 min
        // a counsellor had taken this one (after 2 minutes) before it went back to the queue: it was answered
        records.endedWaiting("LOW", arrived, arrived + 120_000, Outcome.ENDED_WAITING);
        assertThrows(IllegalArgumentException.class,
                () -> records.endedWaiting("LOW", arrived, null, Outcome.SUPPORTED), "a counsellor's outcome");

        Reports.Report r = reports.report(7, null, Map.of("education", "School"));
        assertEquals(4, r.contacts(), "every contact, answered or not");
        assertEquals(2, r.notAnswered(), "the third was answered before it went back to the queue");
        assertEquals(1, r.counsellorCases());
        assertEquals(1, r.escalations(), "the HIGH one that nobody answered is an escalation too");
        Reports.Day today = r.days().get(r.days().size() - 1);
        assertEquals(4, today.contacts());
        assertEquals(2, today.notAnswered());
        assertEquals(1, today.escalations());
        assertEquals(3, r.hours().get(14).contacts(), "by the hour each reached the queue, in Kolkata");
        assertEquals(1, r.hours().get(14).notAnswered(), "the silent one arrived at 14:30");
        assertEquals(1, r.hours().get(15).notAnswered(), "the opted-out one at 15:25");
        assertEquals(2, r.hours().stream().mapToLong(Reports.Hour::notAnswered).sum());
        assertEquals(2, count(r.outcomes(), "ENDED_WAITING"), "two ended waits, one of them answered first");
        assertEquals(1, count(r.outcomes(), "OPTED_OUT_WAITING"));
        assertEquals("Left while waiting: the young person opted out (STOP)", r.outcomes().stream()
                .filter(o -> o.code().equals("OPTED_OUT_WAITING")).findFirst().orElseThrow().label());
        assertEquals(1, count(r.outcomes(), "SUPPORTED"));

        Reports.Waits high = r.waits().stream().filter(w -> w.tier().equals("HIGH")).findFirst().orElseThrow();
        assertEquals(0, high.cases(), "no wait before an answer at HIGH: nobody answered");
        assertNull(high.medianSeconds());
        assertEquals(1, high.notAnswered());
        assertEquals(2400L, high.notAnsweredMedianSeconds(), "40 minutes until the wait ended");
        Reports.Waits low = r.waits().stream().filter(w -> w.tier().equals("LOW")).findFirst().orElseThrow();
        assertEquals(2, low.cases(), "c1's minute and the returned one's two minutes before its first answer");
        assertEquals(1, low.notAnswered());
        assertEquals(300L, low.notAnsweredMedianSeconds());

        assertEquals(1, count(r.categories(), "education"), "categories: the counsellor's case only");
        assertEquals(1, r.referralsNotRecorded(), "c1 said nothing of a referral; the waits are not counted");
        assertEquals(0, r.agreement().reviewed());

        // the stored record: nothing of the young person's, no counsellor, no categories
        List<String> raw = TestRedis.client().lrange(CaseRecords.recordsKey(), 0, -1);
        assertEquals(4, raw.size());
        String stored = raw.get(1);
        assertTrue(stored.contains("\"caseId\":\"" + silent + "\"") && stored.contains("\"outcome\":\"ENDED_WAITING\"")
                && stored.contains("\"categories\":[]") && stored.contains("\"tier\":\"HIGH\""), stored);
        assertFalse(stored.contains("counsellor\":\""), "no counsellor: " + stored);
        assertFalse(stored.contains("notAnswered"), "a derived value, not stored: " + stored);
        assertEquals(List.of(), records.history("c1").stream().filter(c -> c.caseId().equals(silent)).toList(),
                "not in any contact's history");

        String[] lines = reports.csv(7, null).split("\r\n");
        assertEquals(5, lines.length);
        assertTrue(lines[2].startsWith(silent + ",2026-06-10T15:10+05:30,2026-06-10,,HIGH,,,UNKNOWN,NOT_ASKED,"
                + "ENDED_WAITING,,,2026-06-10T14:30+05:30"), "no counsellor, no wait before an answer: " + lines[2]);
        assertTrue(lines[3].contains(",,LOW,,,UNKNOWN,NOT_ASKED,OPTED_OUT_WAITING,,,2026-06-10T15:25+05:30"),
                lines[3]);
        assertTrue(lines[4].contains(",,LOW,120,,UNKNOWN,NOT_ASKED,ENDED_WAITING,,,"), lines[4]);
    }
}
