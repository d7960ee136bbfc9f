package org.helpline.gateway.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.helpline.gateway.audit.AuditLog;
import org.helpline.gateway.conversation.Erasures;
import org.helpline.gateway.support.MutableClock;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.helpline.gateway.cases.AgeBand;
import org.helpline.nlp.Intent;
import org.helpline.nlp.RiskTier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * The training store with real Redis: which messages a counsellor's labels keep, the scrub of numbers, emails and
 * marked names, encryption at rest, withdrawal and erasure, the store's own retention, and the audited export with a
 * held-back split that does not move between exports.
 */
class TrainingStoreTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-06-10T09:00:00Z"));
    ApplicationContext context;
    TrainingStore store;
    UnifiedJedis redis;

    @BeforeEach
    void start() {
        TestRedis.flush();
        Map<String, Object> p = new HashMap<>(TestProperties.of("training", "helpline.queue.jobs.enabled", "false",
                "helpline.campaigns.enabled", "false", "helpline.training.retention", "30d"));
        context = ApplicationContext.builder().properties(p).singletons(clock).start();
        store = context.getBean(TrainingStore.class);
        redis = context.getBean(UnifiedJedis.class);
    }

    @AfterEach
    void stop() {
        context.close();
    }

    /** A conversation id as the gateway makes them (a pseudonym: 64 hex digits). */
    static String id(String name) {
        return String.format("%64s", Integer.toHexString(name.hashCode())).replace(' ', '0');
    }

    static final List<TrainingStore.Said> SAID = List.of(
            new TrainingStore.Said(0, "hi"),
            new TrainingStore.Said(2, "my name is Kofi and nobody would notice if i was gone"),
            new TrainingStore.Said(4, "text me on +44 7700 900123 or kofi.b@example.com"),
            new TrainingStore.Said(6, "ok thanks"));

    private static TrainingStore.Labels labels(RiskTier reviewed, Integer... mattered) {
        return new TrainingStore.Labels(reviewed, RiskTier.LOW, Set.of(mattered), List.of("Kofi"), Intent.SELF_HARM_SUICIDE);
    }

    @Test
    void theMarkedMessagesOfARiskyConversationAreKeptWithTheReviewedTierAndNothingElseIs() {
        assertEquals(2, store.keep(id("c1"), "en", SAID, labels(RiskTier.HIGH, 2, 4)));
        List<TrainingStore.Exported> out = store.export("admin");
        assertEquals(2, out.size());
        assertTrue(out.stream().allMatch(e -> e.label() == RiskTier.HIGH && e.language().equals("en")
                && e.intent() == Intent.SELF_HARM_SUICIDE));
        assertEquals(Set.of("my name is <name> and nobody would notice if i was gone",
                "text me on <number> or <email>"), Set.copyOf(out.stream().map(TrainingStore.Exported::text).toList()),
                "numbers, emails and the marked names are gone");
    }

    @Test
    void aConversationTheCounsellorSaysWasNoRiskGivesEveryMessageAsNone() {
        assertEquals(4, store.keep(id("c1"), "es", SAID, labels(RiskTier.NONE)));
        assertTrue(store.export("admin").stream().allMatch(e -> e.label() == RiskTier.NONE && e.intent() == null),
                "no message was marked: none has a topic");
    }

    @Test
    void withoutTheCounsellorsReviewNothingIsKept() {
        assertEquals(0, store.keep(id("c1"), "en", SAID, labels(null, 2)));
        assertEquals(0, store.keep(id("c2"), "en", SAID, labels(RiskTier.HIGH)), "no marked message, nothing known");
        assertEquals(0, store.size());
    }

    @Test
    void theTextIsEncryptedAtRestAndCarriesNoNumberOrConversation() {
        store.keep(id("conversation-abc"), "en", SAID, labels(RiskTier.HIGH, 2, 4));
        for (String key : redis.keys("training:*")) {
            String value = redis.type(key).equals("string") ? redis.get(key)
                    : redis.type(key).equals("set") ? String.join(" ", redis.smembers(key))
                    : String.join(" ", redis.zrange(key, 0, -1));
            assertFalse(value.contains("nobody would notice"), key);
            assertFalse(value.contains("7700"), key);
            assertFalse(value.contains("example.com"), key);
            assertFalse(value.contains(id("conversation-abc")), key + " holds no conversation id (only its index key does)");
        }
    }

    @Test
    void withdrawalAndErasureRemoveEverythingAConversationGave() {
        store.keep(id("c1"), "en", SAID, labels(RiskTier.HIGH, 2, 4));
        store.keep(id("c2"), "en", SAID, labels(RiskTier.NONE));
        assertEquals(2, store.withdraw(id("c1")));
        assertEquals(4, store.size());
        context.getBean(Erasures.class).eraseNow(id("c2"), "system", "erase");
        assertEquals(0, store.size());
        assertEquals(Set.of(), redis.keys("training:*"), "no key is left behind");
    }

    @Test
    void keptMessagesLeaveAfterTheStoresOwnRetention() {
        store.keep(id("c1"), "en", SAID, labels(RiskTier.HIGH, 2));
        clock.advance(Duration.ofDays(29));
        assertEquals(1, store.size());
        clock.advance(Duration.ofDays(2));
        assertEquals(0, store.size());
        assertEquals(List.of(), store.export("admin"));
        long ttl = redis.ttl(TrainingStore.exampleKey(redis.keys("training:{training}:ex:*").iterator().next()
                .substring("training:{training}:ex:".length())));
        assertTrue(ttl > 0 && ttl <= Duration.ofDays(30).toSeconds(), "the record itself expires with the retention: "
                + ttl);
    }

    @Test
    void theExportIsAuditedAndItsHeldBackSplitStaysPut() {
        for (int i = 0; i < 40; i++) {
            store.keep(id("c" + i), "en", SAID, labels(RiskTier.NONE));
        }
        List<TrainingStore.Exported> first = store.export("ana");
        List<TrainingStore.Exported> second = store.export("ana");
        assertEquals(first, second);
        long heldBack = first.stream().filter(TrainingStore.Exported::heldBack).count();
        assertTrue(heldBack > 0 && heldBack < first.size(), heldBack + " of " + first.size());
        List<AuditLog.Entry> audit = context.getBean(AuditLog.class).latest(2);
        assertEquals("ana", audit.get(0).actor());
        assertEquals("training-export:160", audit.get(0).action());
    }

    @Test
    void theHeldBackShareIsAboutTheConfiguredOne() {
        int held = 0;
        for (int i = 0; i < 5000; i++) {
            held += TrainingStore.heldBack(UUID.randomUUID().toString(), 0.2) ? 1 : 0;
        }
        assertTrue(held > 850 && held < 1150, held + " of 5000");
    }

    @Test
    void underTheMinimumAgeNothingIsKeptWhateverWasConsented() {
        assertTrue(TrainingStore.tooYoung(AgeBand.AGE_13_15, 16));
        assertFalse(TrainingStore.tooYoung(AgeBand.AGE_16_17, 16));
        assertTrue(TrainingStore.tooYoung(AgeBand.UNDER_10, 13));
        assertFalse(TrainingStore.tooYoung(AgeBand.UNKNOWN, 16), "asked only of those old enough");
    }

    @Test
    void theScrubKeepsTheShapeOfAMessage() {
        assertEquals("<name> said he would post it on <link> and @ <handle> <number>",
                PrivacyScrub.scrub("AMIRA said he would post it on https://x.example/p?1 and @ @amira_22 0712-345-678",
                        PrivacyScrub.names("amira,  , x")));
        assertEquals("i want to die", PrivacyScrub.scrub("i  want\tto die", List.of()));
        assertEquals("i'm 15 and he is 24", PrivacyScrub.scrub("i'm 15 and he is 24", List.of()), "ages stay");
    }
}
