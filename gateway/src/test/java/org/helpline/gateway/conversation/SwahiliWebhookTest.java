package org.helpline.gateway.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helpline.gateway.privacy.Pseudonymiser;
import org.helpline.gateway.queue.Counsellors;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.gateway.queue.QueueEntry;
import org.helpline.gateway.support.SignedTexter;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Swahili end to end (issue 19), through signed webhooks into the real classifier, engine, Redis and queue: a texter
 * from Kenya (+254) gets the notice, the menu and the crisis messages in Swahili with Kenya's numbers (999 / 112 and
 * 116 from the country table), never another country's; the crisis reaches the live queue in the Swahili queue,
 * where a Swahili-speaking counsellor takes it; ACHA stops messages; a Tanzanian number (+255) gets 112 / 116.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwahiliWebhookTest implements TestPropertyProvider {
    static final String TOKEN = TestProperties.TOKEN;
    static final String PUBLIC = TestProperties.PUBLIC;

    @Inject
    EmbeddedServer server;
    @Inject
    Pseudonymiser pseudonymiser;
    @Inject
    LiveQueue queue;
    @Inject
    Counsellors counsellors;
    @Inject
    ConversationStore store;

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of("swahili", "twilio.auth-token", TOKEN, "helpline.public-url", PUBLIC);
    }

    @BeforeEach
    void clean() {
        TestRedis.flush();
    }

    private String send(String from, String text) {
        return new SignedTexter(server.getURL().toString(), TOKEN, PUBLIC, from).says(text);
    }

    /** Kenya's numbers are 999 / 112 and 116: none of the UK's, Brazil's or France's may appear. */
    private static void noOtherCountrysNumber(String reply) {
        for (String other : List.of("0800 1111", "116 111", "190", "188", "119", "3114", "911")) {
            assertFalse(reply.contains(other), "another country's number " + other + ": " + reply);
        }
    }

    @Test
    void aTexterFromKenyaGoesThroughConsentTheMenuAndACrisisInSwahili() {
        String from = "+254712345678";
        String notice = send(from, "mambo");
        assertTrue(notice.contains("Jibu NDIYO kuendelea"), notice);
        assertTrue(send(from, "ndiyo").contains("Una miaka mingapi?"), "the training question's age, in Swahili");
        String training = send(from, "18");
        assertTrue(training.contains("bila namba yako ya simu"), training);
        String menu = send(from, "hapana");
        assertTrue(menu.contains("Tutakusaidia vilevile."), menu);
        assertTrue(menu.contains("Tukusaidie na nini?"), menu);
        assertFalse(menu.contains("Unapendelea lugha gani"), "Kenya settles Swahili: no language question");

        String crisis = send(from, "nataka kujiua leo usiku");
        assertTrue(crisis.contains("Ukiwa hatarini sasa hivi, piga 999 / 112."), crisis);
        assertTrue(crisis.contains("116"), crisis);
        assertTrue(crisis.contains("Tunakutafutia mshauri aongee nawe."), crisis);
        noOtherCountrysNumber(crisis);
        String id = pseudonymiser.pseudonym(from);
        QueueEntry e = queue.entry(id).orElseThrow(() -> new AssertionError("the crisis is not in the queue"));
        assertTrue(e.tierName().equals("HIGH") || e.tierName().equals("IMMINENT"), e.tierName());
        assertEquals("sw", e.language(), "waits in the Swahili queue");
        assertNull(e.writesIn(), "Swahili is shipped: not marked as another language");
        assertEquals("sw", store.contact(id).orElseThrow().language());

        String waiting = send(from, "cjui nifanye nini");
        assertFalse(waiting.contains("Reply") || waiting.contains("Jibu NDIYO"), waiting);

        // the handoff: a Swahili-speaking counsellor on duty takes it
        counsellors.register("amani", 2, List.of("sw"));
        counsellors.presence("amani", "available");
        assertEquals(Optional.of(id), queue.claim("amani"));
    }

    @Test
    void natakaKufaBeforeConsentIsAnsweredInSwahiliAndReachesACounsellor() {
        String from = "+254722334455";
        String reply = send(from, "nataka kufa");
        assertTrue(reply.contains("Tunakutafutia mshauri"), reply);
        assertTrue(reply.contains("piga 999 / 112"), reply);
        assertFalse(reply.contains("To chat with us") || reply.contains("Reply YES"), "the English loop: " + reply);
        noOtherCountrysNumber(reply);
        QueueEntry e = queue.entry(pseudonymiser.pseudonym(from)).orElseThrow();
        assertTrue(e.tierName().equals("HIGH") || e.tierName().equals("IMMINENT"), e.tierName());
        assertEquals("sw", e.language());
    }

    @Test
    void achaStopsMessagesInSwahili() {
        String from = "+254733445566";
        send(from, "habari");
        String stop = send(from, "ACHA");
        assertTrue(stop.contains("Umetuma ACHA"), stop);
        assertTrue(stop.contains("999 / 112"), stop);
        assertTrue(store.contact(pseudonymiser.pseudonym(from)).orElseThrow().optedOut());
        assertTrue(send(from, "ANZA").contains("Karibu tena"));
        assertTrue(send(from, "SITISHA").contains("Umetuma SITISHA"));
    }

    @Test
    void aTexterFromTanzaniaGetsSwahiliAndTanzaniasNumbers() {
        String from = "+255712345678";
        String notice = send(from, "habari");
        assertTrue(notice.contains("Jibu NDIYO kuendelea"), notice);
        assertTrue(send(from, "ndiyo").contains("Una miaka mingapi?"));
        assertTrue(send(from, "ruka").contains("Tukusaidie na nini?"), "settled: no language question");
        String crisis = send(from, "nataka kufa, sina mtu");
        assertTrue(crisis.contains("piga 112"), crisis);
        assertTrue(crisis.contains("116"), crisis);
        assertFalse(crisis.contains("999"), "Kenya's numbers in Tanzania: " + crisis);
    }
}
