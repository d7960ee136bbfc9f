package org.helpline.gateway.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.helpline.dialogue.Session;
import org.helpline.gateway.channel.Address;
import org.helpline.gateway.channel.Channel;
import org.helpline.gateway.channel.InboundMessage;
import org.helpline.gateway.queue.Counsellors;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisMonitor;
import redis.clients.jedis.UnifiedJedis;

/**
 * The one-round-trip path ({@link ConversationCache}): an ordinary message of a conversation this instance committed
 * last sends Redis nothing but its commit; and whatever else wrote the conversation in between (another instance, a
 * counsellor's close, an erasure, an escalation) is never overwritten by the copy, a retry is answered and not run
 * again, and messages of one texter arriving together are each committed once. Commands are watched with Redis's own
 * MONITOR.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConversationCacheTest implements TestPropertyProvider {
    @Inject
    ConversationService service;
    @Inject
    ConversationStore store;
    @Inject
    ConversationCache cache;
    @Inject
    LiveQueue queue;
    @Inject
    Counsellors counsellors;
    @Inject
    JsonMapper json;
    final UnifiedJedis redis = TestRedis.client();
    final AtomicInteger sids = new AtomicInteger();

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of("cache", "helpline.simulator.enabled", "true");
    }

    private InboundMessage message(String from, String text) {
        return new InboundMessage("SMcache" + sids.incrementAndGet(), Address.of(Channel.SIMULATOR, from), text, 0,
                Instant.now());
    }

    private ConversationService.Outcome say(String from, String text) {
        return service.handle(message(from, text));
    }

    /** A texter past the privacy notice, at the menu; their conversation is now kept by this instance. */
    private String atTheMenu(String from) {
        say(from, "hi");
        say(from, "yes");
        // the age question skipped (no training question), then the language question when it is asked
        if (say(from, "skip").replies().stream().anyMatch(r -> r.contains("Which language"))) {
            say(from, "1");
        }
        String id = service.conversationId(message(from, ""));
        assertNotNull(cache.kept(id), "committed under the lock, out of the queue: kept");
        return id;
    }

    /** The commands clients sent about this conversation while {@code action} ran (Lua's own are left out). */
    private List<String> commandsDuring(String id, Runnable action) throws Exception {
        URI url = URI.create(TestRedis.url());
        Queue<String> seen = new ConcurrentLinkedQueue<>();
        CountDownLatch started = new CountDownLatch(1);
        Jedis monitor = new Jedis(url);
        Thread t = new Thread(() -> {
            try {
                monitor.monitor(new JedisMonitor() {
                    @Override
                    public void onCommand(String command) {
                        seen.add(command);
                    }
                });
            } catch (RuntimeException closed) {
                // the test closed the connection: done
            }
        });
        t.setDaemon(true);
        t.start();
        // MONITOR is on once it echoes a command
        while (seen.isEmpty()) {
            redis.ping();
            Thread.sleep(5);
        }
        seen.clear();
        action.run();
        String marker = "marker-" + sids.incrementAndGet();
        redis.get(marker);      // every command before it has been echoed once the marker is
        long deadline = System.currentTimeMillis() + 5_000;
        while (seen.stream().noneMatch(l -> l.contains(marker)) && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        monitor.disconnect();
        List<String> about = new ArrayList<>();
        for (String line : seen) {
            if (line.contains(id) && !line.contains(" lua]")) {
                about.add(line.substring(line.indexOf('"')));
            }
        }
        return about;
    }

    @Test
    void anOrdinaryMessageOfAConversationKeptHereSendsRedisOnlyItsCommit() throws Exception {
        String from = "+447700904001";
        String id = atTheMenu(from);
        int before = store.transcript(id).size();
        List<ConversationService.Outcome> out = new ArrayList<>();
        List<String> commands = commandsDuring(id, () -> out.add(say(from, "hello")));
        assertEquals(1, commands.size(), "one command, the commit: " + commands);
        assertTrue(commands.get(0).toLowerCase().startsWith("\"evalsha\""), commands.get(0));
        assertTrue(out.get(0).replies().get(0).contains("Reply with a number"), out.get(0).replies().toString());
        assertFalse(redis.exists(ConversationStore.lockKey(id)), "no lock was taken");
        int after = before + 1 + out.get(0).replies().size();
        assertEquals(after, store.transcript(id).size(), "the message and its replies");

        // taken back by the locked path: the version moved on (what an enqueue elsewhere does first)
        store.newVersion(id);
        out.clear();
        commands = commandsDuring(id, () -> out.add(say(from, "hello")));
        assertTrue(commands.stream().anyMatch(c -> c.startsWith("\"SET\"") && c.contains(":lock")),
                "the lock: " + commands);
        assertEquals(after + 1 + out.get(0).replies().size(), store.transcript(id).size(),
                "the refused commit wrote nothing, the locked one all");
    }

    @Test
    void aWriteFromElsewhereInBetweenIsWhatTheNextMessageSees() {
        String from = "+447700904002";
        String id = atTheMenu(from);
        // another instance (or a counsellor's close) writes the conversation: here, the texter chose Spanish
        Session s = store.session(id).orElseThrow();
        Contact c = store.contact(id).orElseThrow();
        store.commit(new ConversationStore.Commit(id, new Session(s.flow(), s.node(), "es", s.consentedAt(),
                s.lastActivityAt(), s.optedOut(), s.escalatedRisk()), new Contact(c.sealedAddress(), c.channel(),
                c.region(), "es", c.optedOut(), c.consentedAt(), c.firstSeen(), c.lastInbound()), List.of(), null,
                List.of()));
        ConversationService.Outcome o = say(from, "hola");
        assertTrue(o.replies().get(0).contains("Responde con un número"), "answered in Spanish: " + o.replies());
        assertEquals("es", store.session(id).orElseThrow().language());
        assertNotNull(cache.kept(id), "kept again after the locked commit");
        assertEquals("es", cache.kept(id).session().language());
    }

    @Test
    void anErasureElsewhereLeavesNothingForTheCopyToBringBack() {
        String from = "+447700904003";
        String id = atTheMenu(from);
        assertTrue(store.erase(id) > 0);
        ConversationService.Outcome o = say(from, "hello");
        assertTrue(o.replies().get(0).contains("Reply YES to continue"), "a fresh start: " + o.replies());
        Session s = store.session(id).orElseThrow();
        assertEquals("welcome", s.flow());
        assertNull(s.consentedAt(), "the consent given before the erasure is not written back");
        assertEquals(2, store.transcript(id).size(), "only the new message and its reply");
    }

    @Test
    void aRetryOfAMessageAnsweredInOneRoundTripIsAnsweredAgainNotRunAgain() {
        String from = "+447700904004";
        String id = atTheMenu(from);
        InboundMessage m = message(from, "hello");
        ConversationService.Outcome first = service.handle(m);
        assertFalse(first.duplicate());
        int lines = store.transcript(id).size();
        ConversationService.Outcome retry = service.handle(m);
        assertTrue(retry.duplicate());
        assertEquals(first.replies(), retry.replies());
        assertEquals(lines, store.transcript(id).size());
    }

    @Test
    void messagesOfOneTexterArrivingTogetherAreEachCommittedOnce() throws Exception {
        String from = "+447700904005";
        String id = atTheMenu(from);
        long earlier = store.transcript(id).stream().filter(l -> l.direction().equals("in")).count();
        int n = 14;     // with the messages that reached the menu, within the sender's burst of 20
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<InboundMessage> sent = new ArrayList<>();
        List<Future<ConversationService.Outcome>> answers = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        try {
            for (int i = 0; i < n; i++) {
                InboundMessage m = message(from, "hello");
                sent.add(m);
                answers.add(pool.submit(() -> {
                    go.await();
                    return service.handle(m);
                }));
            }
            go.countDown();
            for (Future<ConversationService.Outcome> f : answers) {
                ConversationService.Outcome o = f.get(30, TimeUnit.SECONDS);
                assertFalse(o.duplicate());
                assertFalse(o.replies().isEmpty());
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> inbound = new ArrayList<>();
        for (String raw : redis.lrange(ConversationStore.transcriptKey(id), 0, -1)) {
            TranscriptEntry e = json.readValue(raw, TranscriptEntry.class);
            if (e.direction().equals("in")) {
                inbound.add(e.messageId());
            }
        }
        for (InboundMessage m : sent) {
            assertEquals(1, inbound.stream().filter(m.messageId()::equals).count(), "once: " + m.messageId());
        }
        assertEquals(n + earlier, inbound.size());
        assertFalse(redis.exists(ConversationStore.lockKey(id)), "every lock released");
    }

    @Test
    void theCacheIsBoundedAndCanBeTurnedOff() {
        Session s = Session.fresh("en");
        Contact c = new Contact("sealed", "SMS", null, "en", false, null, "t", "t");
        ConversationCache small = new ConversationCache(new ConversationCache.Settings(100,
                java.time.Duration.ofMinutes(30)));
        for (int i = 0; i < 1_000; i++) {
            small.put("c" + i, new ConversationCache.Snapshot(s, c, null, "v" + i));
        }
        assertTrue(small.size() <= 100, "bounded: " + small.size());
        ConversationCache off = new ConversationCache(new ConversationCache.Settings(0,
                java.time.Duration.ofMinutes(30)));
        off.put("c", new ConversationCache.Snapshot(s, c, null, "v"));
        assertNull(off.kept("c"), "size 0: nothing kept, every message takes the locked way");
    }

    @Test
    void whenMostCopiesAreStaleThePathRestsForAMinuteThenTriesAgain() {
        ConversationCache c = new ConversationCache(new ConversationCache.Settings(100,
                java.time.Duration.ofMinutes(30)));
        c.put("a", new ConversationCache.Snapshot(Session.fresh("en"), null, null, "v"));
        for (int i = 0; i < ConversationCache.JUDGED; i++) {
            c.judged(i % 3 != 0, 1_000);     // two in three stale: a texter's messages spread over instances
        }
        assertTrue(c.resting(1_000));
        assertNull(c.get("a", 1_000 + ConversationCache.REST_MILLIS - 1), "resting: not tried");
        assertNotNull(c.get("a", 1_000 + ConversationCache.REST_MILLIS), "tried again after the rest");
        for (int i = 0; i < ConversationCache.JUDGED; i++) {
            c.judged(i % 3 == 0, 200_000);   // one in three: worth it
        }
        assertFalse(c.resting(200_000));
    }

    @Test
    void aConversationInTheLiveQueueIsNeverAnsweredFromACopy() {
        String from = "+447700904006";
        String id = atTheMenu(from);
        say(from, "can i talk to a counsellor");
        assertTrue(queue.position(id) >= 0, "escalated");
        assertNull(cache.kept(id), "not kept while queued");
        counsellors.register("cara", 5, List.of("en"));
        counsellors.presence("cara", "available");
        String claimed;
        do {
            claimed = queue.claim("cara").orElseThrow();
        } while (!claimed.equals(id));
        ConversationService.Outcome o = say(from, "hello?");
        assertTrue(o.replies().isEmpty(), "the counsellor holds it: the bot stays silent " + o.replies());
        assertNull(cache.kept(id));
        assertTrue(store.transcript(id).get(store.transcript(id).size() - 1).text().equals("hello?"));
    }
}
