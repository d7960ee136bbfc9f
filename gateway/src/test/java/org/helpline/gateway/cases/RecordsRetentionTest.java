package org.helpline.gateway.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.support.MutableClock;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.AbstractPipeline;

/**
 * The reporting retention ({@code helpline.reports.retention}, 730 days by default) with real Redis and a clock the
 * test moves: the sweep removes the report records closed before now − retention from the oldest end and keeps the
 * rest, in order; the contacts' own histories are untouched (they expire with their conversation); a record that
 * cannot be dated is removed rather than left to stop every sweep behind it; a backlog larger than one script call
 * is removed in one sweep.
 */
class RecordsRetentionTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-06-10T09:00:00Z"));
    ApplicationContext context;
    CaseRecords records;
    RecordsRetention retention;

    @BeforeEach
    void start() {
        TestRedis.flush();
        Map<String, Object> p = new HashMap<>(TestProperties.of("records-retention", "helpline.queue.jobs.enabled",
                "false", "helpline.campaigns.enabled", "false",
                "helpline.jobs.reports-retention-first", "1h"));    // the test sweeps, not the scheduler
        context = ApplicationContext.builder().properties(p).singletons(clock).start();
        records = context.getBean(CaseRecords.class);
        retention = context.getBean(RecordsRetention.class);
    }

    @AfterEach
    void stop() {
        context.close();
    }

    private String close(String conversation) {
        return records.record(conversation, "ana", "LOW", clock.millis() - 60_000, 60_000L,
                new CaseRecords.Closing(List.of("family"), AgeBand.AGE_13_15, Gender.PREFER_NOT_TO_SAY,
                        Outcome.SUPPORTED, "notes for the next counsellor", null, null));
    }

    private List<String> caseIds() {
        return records.since(0).stream().map(CaseRecord::caseId).toList();
    }

    private RecordsRetention.Sweep sweep() {
        return retention.sweep(() -> true);
    }

    @Test
    void recordsClosedBeforeTheRetentionGoTheRestAndTheContactsHistoriesStay() {
        assertEquals(Duration.ofDays(730), context.getBean(ReportsConfiguration.class).retention(), "the default");
        String first = close("c1");
        clock.advance(Duration.ofDays(1));
        String second = close("c2");
        clock.advance(Duration.ofDays(400));
        String kept = close("c1");
        clock.advance(Duration.ofDays(329));
        // 730 days after the first: not yet before the cut-off (closed at it, not before it)
        assertEquals(new RecordsRetention.Sweep(0, 0), sweep());
        assertEquals(List.of(first, second, kept), caseIds());

        clock.advance(Duration.ofMillis(1));
        assertEquals(new RecordsRetention.Sweep(1, 0), sweep());
        assertEquals(List.of(second, kept), caseIds());
        clock.advance(Duration.ofDays(1));
        String latest = close("c3");
        assertEquals(new RecordsRetention.Sweep(1, 0), sweep());
        assertEquals(List.of(kept, latest), caseIds(), "newer records kept, in order");
        assertEquals(new RecordsRetention.Sweep(0, 0), sweep(), "nothing more to remove");

        // the per-contact history is the conversation's, with its own expiry: the sweep leaves it alone
        assertEquals(2, records.history("c1").size());
        assertEquals(List.of(kept, first), records.history("c1").stream().map(PastCase::caseId).toList());
        assertEquals("notes for the next counsellor", records.history("c2").get(0).notes());
    }

    @Test
    void aRecordThatCannotBeDatedIsRemovedAndDoesNotStopTheSweep() {
        String old = close("c1");
        clock.advance(Duration.ofDays(800));
        String kept = close("c2");
        // written by hand at the head, as a corrupted or foreign record would be
        TestRedis.client().lpush(CaseRecords.recordsKey(), "{\"caseId\":\"no-date\"}", "not json {",
                "{\"caseId\":\"text-date\",\"closedAt\":\"2020-01-01\"}");
        assertEquals(5, TestRedis.client().llen(CaseRecords.recordsKey()));

        assertEquals(new RecordsRetention.Sweep(1, 3), sweep(), "the three undatable ones and the old one");
        assertEquals(List.of(kept), caseIds());
        assertEquals(List.of(old), records.history("c1").stream().map(PastCase::caseId).toList());
    }

    @Test
    void aBacklogLargerThanOneScriptCallGoesInOneSweep() {
        long old = clock.millis();
        int backlog = RecordsRetention.BATCH * 2 + 500;
        try (AbstractPipeline p = TestRedis.client().pipelined()) {
            for (int i = 0; i < backlog; i++) {
                p.rpush(CaseRecords.recordsKey(), "{\"caseId\":\"b" + i + "\",\"closedAt\":" + (old + i)
                        + ",\"counsellor\":\"bo\",\"tier\":\"LOW\",\"categories\":[\"family\"],\"ageBand\":\"UNKNOWN\","
                        + "\"gender\":\"NOT_ASKED\",\"outcome\":\"SUPPORTED\",\"waitMillis\":5000}");
            }
            p.sync();
        }
        clock.advance(Duration.ofDays(731));
        String kept = close("c1");

        assertEquals(new RecordsRetention.Sweep(backlog, 0), sweep());
        assertEquals(List.of(kept), caseIds());
    }
}
