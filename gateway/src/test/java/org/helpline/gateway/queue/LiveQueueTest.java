package org.helpline.gateway.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.helpline.gateway.support.MutableClock;
import org.helpline.gateway.support.TestKeys;
import org.helpline.gateway.support.TestRedis;
import org.helpline.nlp.RiskTier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;

/** The live queue's scripts against a real Redis, with a pinned clock. */
class LiveQueueTest {
    final UnifiedJedis redis = TestRedis.client();
    final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T10:00:00Z"));
    final QueueConfiguration config = new QueueConfiguration(Duration.ofMinutes(20), Duration.ofSeconds(30), 2000,
            Duration.ofMinutes(10));
    final LiveQueue queue = new LiveQueue(redis, config, TestKeys.cipher(), JsonMapper.createDefault(), clock);
    final Counsellors counsellors = new Counsellors(redis);

    @BeforeEach
    void clean() {
        TestRedis.flush();
        counsellors.register("ana", 1, List.of("en", "es"));
        counsellors.presence("ana", "available");
    }

    private void escalate(String id, RiskTier tier, String language) {
        queue.enqueue(id, tier, List.of("reason for " + id), language);
        clock.advance(Duration.ofSeconds(10));
    }

    @Test
    void claimGivesTheMostUrgentThenTheLongestWaiting() {
        counsellors.register("ana", 10, List.of("en"));
        escalate("low-1", RiskTier.LOW, "en");
        escalate("high-1", RiskTier.HIGH, "en");
        escalate("high-2", RiskTier.HIGH, "en");
        escalate("imminent-1", RiskTier.IMMINENT, "en");
        assertEquals(List.of("imminent-1", "high-1", "high-2", "low-1"),
                List.of(queue.claim("ana").orElseThrow(), queue.claim("ana").orElseThrow(),
                        queue.claim("ana").orElseThrow(), queue.claim("ana").orElseThrow()));
        assertEquals(Optional.empty(), queue.claim("ana"));
    }

    @Test
    void agingLetsALongWaitingLowOvertakeANewerHigh() {
        counsellors.register("ana", 10, List.of("en"));
        escalate("low-old", RiskTier.LOW, "en");
        clock.advance(Duration.ofMinutes(25));
        escalate("high-new", RiskTier.HIGH, "en");
        escalate("imminent-newest", RiskTier.IMMINENT, "en");
        assertEquals("imminent-newest", queue.claim("ana").orElseThrow());
        assertEquals("low-old", queue.claim("ana").orElseThrow());
    }

    @Test
    void eligibilityFollowsLanguagesCapacityAndPresence() {
        counsellors.register("ben", 1, List.of("en"));
        counsellors.presence("ben", "available");
        escalate("es-1", RiskTier.IMMINENT, "es");
        escalate("en-1", RiskTier.LOW, "en");
        escalate("en-2", RiskTier.LOW, "en");
        assertEquals("en-1", queue.claim("ben").orElseThrow(), "ben does not speak Spanish");
        assertEquals(Optional.empty(), queue.claim("ben"), "capacity 1 reached");
        counsellors.presence("ana", "away");
        assertEquals(Optional.empty(), queue.claim("ana"), "only available counsellors are offered");
        counsellors.presence("ana", "available");
        assertEquals("es-1", queue.claim("ana").orElseThrow());
        counsellors.register("cleo", 2, List.of("*"));
        counsellors.presence("cleo", "available");
        assertEquals("en-2", queue.claim("cleo").orElseThrow(), "'*' speaks every language");
    }

    @Test
    void anExpiredLeaseReturnsTheConversationToItsOriginalPlace() {
        escalate("first", RiskTier.HIGH, "en");
        escalate("second", RiskTier.HIGH, "en");
        escalate("third", RiskTier.HIGH, "en");
        assertEquals("first", queue.claim("ana").orElseThrow());
        clock.advance(Duration.ofSeconds(20));
        assertEquals(List.of("first"), queue.renew("ana").held());
        clock.advance(Duration.ofSeconds(25));
        assertTrue(queue.expireLeases().isEmpty(), "the heartbeat kept it");
        clock.advance(Duration.ofSeconds(31));
        List<ExpireScript.Returned> back = queue.expireLeases();
        assertEquals(List.of(new ExpireScript.Returned("first", "ana")), back);
        assertEquals(0, queue.position("first"), "back at the head of the line, not at the end");
        assertEquals(List.of("first"), queue.renew("ana").lost(), "the counsellor learns it was lost");
        assertEquals(0, counsellors.status("ana").load());
    }

    @Test
    void transferBackToTheQueuePassesTheCounsellorOverOnlyForAWhileAndOnlyWhileAColleagueCanTakeIt() {
        counsellors.register("ben", 1, List.of("en"));
        counsellors.presence("ben", "available");
        escalate("c1", RiskTier.HIGH, "en");
        assertEquals("c1", queue.claim("ana").orElseThrow());
        assertEquals(TransferScript.Outcome.QUEUED, queue.transfer("c1", "ana", null));
        assertEquals(0, queue.position("c1"), "at its original place");
        assertEquals(Optional.empty(), queue.claim("ana"), "ana transferred it back and ben can take it");
        clock.advance(Duration.ofMinutes(10));
        assertEquals("c1", queue.claim("ana").orElseThrow(), "passed over only for helpline.queue.transfer-exclusion");
        assertEquals(TransferScript.Outcome.NOT_HOLDER, queue.transfer("c1", "ben", "ana"));
    }

    @Test
    void aOneCounsellorShiftCanTakeBackWhatItTransferred() {
        escalate("c1", RiskTier.IMMINENT, "en");
        assertEquals("c1", queue.claim("ana").orElseThrow());
        assertEquals(TransferScript.Outcome.QUEUED, queue.transfer("c1", "ana", null));
        assertEquals("c1", queue.claim("ana").orElseThrow(), "nobody else is on shift: never stranded");
    }

    @Test
    void theExclusionHoldsOnlyWhileAColleagueIsAvailableWithRoomInTheLanguage() {
        counsellors.register("ben", 1, List.of("en"));
        counsellors.register("cleo", 1, List.of("es"));
        counsellors.presence("cleo", "available");
        escalate("c1", RiskTier.HIGH, "en");
        escalate("c2", RiskTier.LOW, "en");
        assertEquals("c1", queue.claim("ana").orElseThrow());
        assertEquals(TransferScript.Outcome.QUEUED, queue.transfer("c1", "ana", null));
        assertEquals("c1", queue.claim("ana").orElseThrow(), "ben is offline and cleo does not speak English");

        counsellors.presence("ben", "available");
        assertEquals("c2", queue.claim("ben").orElseThrow(), "ben's one place is taken now");
        assertEquals(TransferScript.Outcome.QUEUED, queue.transfer("c1", "ana", null));
        assertEquals("c1", queue.claim("ana").orElseThrow(), "ben has no room: ana takes it again");

        assertEquals(TransferScript.Outcome.QUEUED, queue.transfer("c1", "ana", null));
        assertEquals(TransferScript.Outcome.QUEUED, queue.transfer("c2", "ben", null));
        assertEquals("c2", queue.claim("ana").orElseThrow(), "ben can take c1 now: ana gets the next one");
        assertEquals("c1", queue.claim("ben").orElseThrow());
    }

    @Test
    void aTransferToOneselfIsRefusedAndTheConversationStaysHeld() {
        escalate("c1", RiskTier.HIGH, "en");
        assertEquals("c1", queue.claim("ana").orElseThrow());
        assertEquals(TransferScript.Outcome.TO_SELF, queue.transfer("c1", "ana", "ana"));
        assertEquals("ana", queue.entry("c1").orElseThrow().counsellor());
        assertEquals(1, counsellors.status("ana").load());
    }

    @Test
    void transferToAColleagueNeedsThemAvailableWithRoom() {
        counsellors.register("ben", 1, List.of("en"));
        escalate("c1", RiskTier.LOW, "en");
        assertEquals("c1", queue.claim("ana").orElseThrow());
        assertEquals(TransferScript.Outcome.TARGET_UNAVAILABLE, queue.transfer("c1", "ana", "ben"));
        counsellors.presence("ben", "available");
        assertEquals(TransferScript.Outcome.TRANSFERRED, queue.transfer("c1", "ana", "ben"));
        assertEquals("ben", queue.entry("c1").orElseThrow().counsellor());
        assertEquals(0, counsellors.status("ana").load());
        assertEquals(1, counsellors.status("ben").load());
    }

    @Test
    void closeKeepsTheCaseAndAllowsANewEscalationLater() {
        escalate("c1", RiskTier.HIGH, "en");
        queue.claim("ana").orElseThrow();
        assertFalse(queue.close("c1", "ben", "violence.cyberbullying", "notes"), "only the holder closes");
        assertTrue(queue.close("c1", "ana", "violence.cyberbullying", "talked about the group chat"));
        assertEquals("closed", queue.entry("c1").orElseThrow().state());
        assertEquals(1, redis.llen(LiveQueue.casesKey()));
        assertFalse(redis.lindex(LiveQueue.casesKey(), 0).contains("group chat"), "notes are encrypted");
        assertEquals(EnqueueScript.Outcome.ADDED,
                queue.enqueue("c1", RiskTier.LOW, List.of("again"), "en").outcome());
    }

    @Test
    void overviewCountsByTierAndLongestWait() {
        escalate("a", RiskTier.LOW, "en");
        escalate("b", RiskTier.HIGH, "en");
        escalate("c", RiskTier.HIGH, "en");
        clock.advance(Duration.ofSeconds(70));
        LiveQueue.Overview o = queue.overview();
        assertEquals(1L, o.depthByTier().get(RiskTier.LOW));
        assertEquals(2L, o.depthByTier().get(RiskTier.HIGH));
        assertEquals(0L, o.depthByTier().get(RiskTier.IMMINENT));
        assertEquals(100, o.longestWaitSeconds());
        assertEquals(100L, o.longestWaitByTier().get(RiskTier.LOW));
        assertEquals(90L, o.longestWaitByTier().get(RiskTier.HIGH), "the longest wait in each tier");
        assertEquals(0L, o.longestWaitByTier().get(RiskTier.IMMINENT));
        assertEquals(List.of(), o.imminent());
        escalate("d", RiskTier.IMMINENT, "en");
        assertEquals(List.of("d"), queue.overview().imminent());
    }

    @Test
    void theOverviewAndTheSupervisorsListReadALongQueueInAFewRoundTrips() {
        for (int i = 0; i < 300; i++) {
            queue.enqueue("c" + i, i % 3 == 0 ? RiskTier.HIGH : RiskTier.LOW, List.of("r"), "en");
        }
        clock.advance(Duration.ofSeconds(42));
        try (Jedis stats = new Jedis(TestRedis.url())) {
            long before = repliesWritten(stats);
            LiveQueue.Overview o = queue.overview();
            // the replies Redis wrote, less the first INFO's own: the ZRANGE's and the pipeline's, which Redis may
            // answer in two or three writes as its ~12 KB arrive in parts; not one an entry (300 before)
            long roundTrips = repliesWritten(stats) - before - 1;
            assertEquals(100L, o.depthByTier().get(RiskTier.HIGH));
            assertEquals(200L, o.depthByTier().get(RiskTier.LOW));
            assertEquals(42, o.longestWaitSeconds());
            assertTrue(roundTrips <= 5, "the overview of 300 waiting took " + roundTrips + " round trips");

            before = repliesWritten(stats);
            List<QueueEntry> active = queue.active(100);
            roundTrips = repliesWritten(stats) - before - 1;
            assertEquals(100, active.size());
            assertEquals("c0", active.get(0).conversation(), "in queue order: the first HIGH");
            assertEquals("HIGH", active.get(0).tierName());
            assertTrue(roundTrips <= 5, "the supervisor's list of 100 took " + roundTrips + " round trips");
        }
    }

    private static long repliesWritten(Jedis stats) {
        for (String line : stats.info("stats").split("\r?\n")) {
            if (line.startsWith("total_writes_processed:")) {
                return Long.parseLong(line.substring("total_writes_processed:".length()).trim());
            }
        }
        throw new IllegalStateException("no total_writes_processed");
    }
}
