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
 * French end to end (issue 19), through signed webhooks into the real classifier, engine, Redis and queue: a texter
 * from France (+33) gets the notice, the menu and the crisis messages in French with France's numbers (112, 119 /
 * 3114), never a UK number; the crisis reaches the live queue in the French queue, where a French-speaking counsellor
 * takes it; ARRÊT stops messages; a Spanish number (+34) gets the Spanish notice first.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrenchWebhookTest implements TestPropertyProvider {
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
        // Belgium has no single language in the table: a deployment settles it (HELPLINE_COUNTRIES_BE_LANGUAGE)
        return TestProperties.of("french", "twilio.auth-token", TOKEN, "helpline.public-url", PUBLIC,
                "helpline.countries.BE.language", "fr");
    }

    @BeforeEach
    void clean() {
        TestRedis.flush();
    }

    private String send(String from, String text) {
        return new SignedTexter(server.getURL().toString(), TOKEN, PUBLIC, from).says(text);
    }

    private static void noOtherCountrysNumber(String reply) {
        for (String uk : List.of("999", "0800 1111", "911", "988")) {
            assertFalse(reply.contains(uk), "another country's number " + uk + ": " + reply);
        }
    }

    @Test
    void aTexterFromFranceGoesThroughConsentTheMenuAndACrisisInFrench() {
        String from = "+33612345678";
        String notice = send(from, "salut");
        assertTrue(notice.contains("Réponds OUI pour continuer"), notice);
        assertTrue(send(from, "oui").contains("Tu as quel âge ?"), "the training question's age, in French");
        String training = send(from, "16");
        assertTrue(training.contains("sans ton numéro de téléphone"), training);
        String menu = send(from, "non");
        assertTrue(menu.contains("On t&#39;aide pareil.") || menu.contains("On t'aide pareil."), menu);
        assertTrue(menu.contains("Pour quoi veux-tu de l&#39;aide ?") || menu.contains("Pour quoi veux-tu de l'aide ?"),
                menu);
        assertFalse(menu.contains("Tu préfères quelle langue"), "France settles French: no language question");

        String crisis = send(from, "je vais prendre des médicaments ce soir");
        assertTrue(crisis.contains("Si tu es en danger maintenant, appelle le 112."), crisis);
        assertTrue(crisis.contains("119 / 3114"), crisis);
        assertTrue(crisis.contains("On cherche un écoutant pour parler avec toi."), crisis);
        noOtherCountrysNumber(crisis);
        String id = pseudonymiser.pseudonym(from);
        QueueEntry e = queue.entry(id).orElseThrow(() -> new AssertionError("the crisis is not in the queue"));
        assertEquals("IMMINENT", e.tierName());
        assertEquals("fr", e.language(), "waits in the French queue");
        assertNull(e.writesIn(), "French is shipped: not marked as another language");
        assertEquals("fr", store.contact(id).orElseThrow().language());

        String waiting = send(from, "jsp quoi faire");
        assertFalse(waiting.contains("Reply") || waiting.contains("Responde"), waiting);

        // the handoff: a French-speaking counsellor on duty takes it
        counsellors.register("amelie", 2, List.of("fr"));
        counsellors.presence("amelie", "available");
        assertEquals(Optional.of(id), queue.claim("amelie"));
    }

    @Test
    void theIssuesFirstMessageBeforeConsentIsAnsweredInFrenchAndReachesACounsellor() {
        String from = "+33698765432";
        String reply = send(from, "je veux mourir, personne ne m'aime");
        assertTrue(reply.contains("appelle le 112"), reply);
        assertTrue(reply.contains("On cherche un écoutant"), reply);
        assertFalse(reply.contains("To chat with us") || reply.contains("Reply YES"), "the English loop: " + reply);
        noOtherCountrysNumber(reply);
        QueueEntry e = queue.entry(pseudonymiser.pseudonym(from)).orElseThrow();
        assertTrue(e.tierName().equals("HIGH") || e.tierName().equals("IMMINENT"), e.tierName());
        assertEquals("fr", e.language());
    }

    @Test
    void arretStopsMessagesInFrench() {
        String from = "+33611223344";
        send(from, "bonjour");
        String stop = send(from, "ARRÊT");
        assertTrue(stop.contains("Tu as écrit ARRÊT"), stop);
        assertTrue(store.contact(pseudonymiser.pseudonym(from)).orElseThrow().optedOut());
        assertTrue(send(from, "START").contains("Contents de te revoir"));
    }

    @Test
    void aCountrysLanguageCanBeConfigured() {
        String reply = send("+32470123456", "ok");
        assertTrue(reply.contains("Réponds OUI pour continuer"), reply);
        assertTrue(send("+32470123456", "oui").contains("Tu as quel âge ?"));
        assertTrue(send("+32470123456", "passer").contains("Pour quoi veux-tu"), "settled: no language question");
    }

    @Test
    void aMessageClearlyInAnotherShippedLanguageWinsOverTheCountry() {
        String reply = send("+33612300000", "hi, i need to talk to someone about my friend");
        assertTrue(reply.contains("Reply YES to continue"), reply);
    }

    @Test
    void aSpanishNumberGetsTheSpanishNoticeFirst() {
        String reply = send("+34612345678", "ok");
        assertTrue(reply.contains("Responde SI para continuar"), reply);
    }
}
