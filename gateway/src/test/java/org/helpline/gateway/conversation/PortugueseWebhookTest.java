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
 * Portuguese end to end (issue 19), through signed webhooks into the real classifier, engine, Redis and queue: a texter
 * from Brazil (+55) gets the notice, the menu and the crisis messages in Portuguese with Brazil's numbers (190 / 192,
 * 188 / 100 from the country table), never another country's; the crisis reaches the live queue in the Portuguese
 * queue, where a Portuguese-speaking counsellor takes it; SAIR stops messages; a Portuguese number (+351) gets the
 * Portuguese notice and 112 / 116 111.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortugueseWebhookTest implements TestPropertyProvider {
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
        return TestProperties.of("portuguese", "twilio.auth-token", TOKEN, "helpline.public-url", PUBLIC);
    }

    @BeforeEach
    void clean() {
        TestRedis.flush();
    }

    private String send(String from, String text) {
        return new SignedTexter(server.getURL().toString(), TOKEN, PUBLIC, from).says(text);
    }

    private static void noOtherCountrysNumber(String reply) {
        for (String other : List.of("999", "0800 1111", "911", "988", "112", "116 111", "119")) {
            assertFalse(reply.contains(other), "another country's number " + other + ": " + reply);
        }
    }

    @Test
    void aTexterFromBrazilGoesThroughConsentTheMenuAndACrisisInPortuguese() {
        String from = "+5511987654321";
        String notice = send(from, "oi");
        assertTrue(notice.contains("Responda SIM para continuar"), notice);
        assertTrue(send(from, "sim").contains("Quantos anos você tem?"), "the training question's age, in Portuguese");
        String training = send(from, "tenho 17 anos");
        assertTrue(training.contains("sem o seu número de telefone"), training);
        String menu = send(from, "não");
        assertTrue(menu.contains("A gente te ajuda do mesmo jeito."), menu);
        assertTrue(menu.contains("Com o que você quer ajuda?"), menu);
        assertFalse(menu.contains("Qual língua você prefere"), "Brazil settles Portuguese: no language question");

        String crisis = send(from, "vou tomar todos os remédios hoje a noite");
        assertTrue(crisis.contains("Se você está em perigo agora, ligue para o 190 / 192."), crisis);
        assertTrue(crisis.contains("188 / 100"), crisis);
        assertTrue(crisis.contains("Estamos chamando um atendente para conversar com você."), crisis);
        noOtherCountrysNumber(crisis);
        String id = pseudonymiser.pseudonym(from);
        QueueEntry e = queue.entry(id).orElseThrow(() -> new AssertionError("the crisis is not in the queue"));
        assertEquals("IMMINENT", e.tierName());
        assertEquals("pt", e.language(), "waits in the Portuguese queue");
        assertNull(e.writesIn(), "Portuguese is shipped: not marked as another language");
        assertEquals("pt", store.contact(id).orElseThrow().language());

        String waiting = send(from, "sla oq fazer kkkk");
        assertFalse(waiting.contains("Reply") || waiting.contains("Responde"), waiting);

        // the handoff: a Portuguese-speaking counsellor on duty takes it
        counsellors.register("joana", 2, List.of("pt"));
        counsellors.presence("joana", "available");
        assertEquals(Optional.of(id), queue.claim("joana"));
    }

    @Test
    void theIssuesFirstMessageBeforeConsentIsAnsweredInPortugueseAndReachesACounsellor() {
        String from = "+5521998765432";
        String reply = send(from, "socorro, meu padrasto me bate");
        assertTrue(reply.contains("Estamos chamando um atendente"), reply);
        assertFalse(reply.contains("To chat with us") || reply.contains("Reply YES"), "the English loop: " + reply);
        noOtherCountrysNumber(reply);
        QueueEntry e = queue.entry(pseudonymiser.pseudonym(from)).orElseThrow();
        assertTrue(e.tierName().equals("HIGH") || e.tierName().equals("IMMINENT"), e.tierName());
        assertEquals("pt", e.language());

        String wants = send("+5531987651234", "qro morrer, ngm liga pra mim");
        assertTrue(wants.contains("ligue para o 190 / 192"), wants);
        noOtherCountrysNumber(wants);
    }

    @Test
    void sairStopsMessagesInPortuguese() {
        String from = "+5511911223344";
        send(from, "ola");
        String stop = send(from, "SAIR");
        assertTrue(stop.contains("Você escreveu SAIR"), stop);
        assertTrue(stop.contains("190 / 192"), stop);
        assertTrue(store.contact(pseudonymiser.pseudonym(from)).orElseThrow().optedOut());
        assertTrue(send(from, "START").contains("Que bom ter você de volta"));
        assertTrue(send(from, "PARAR").contains("Você escreveu PARAR"));
    }

    @Test
    void aTexterFromPortugalGetsPortugueseAndPortugalsNumbers() {
        String from = "+351912345678";
        String notice = send(from, "olá");
        assertTrue(notice.contains("Responda SIM para continuar"), notice);
        assertTrue(send(from, "sim").contains("Quantos anos você tem?"));
        assertTrue(send(from, "pular").contains("Com o que você quer ajuda?"), "settled: no language question");
        String crisis = send(from, "apetece-me morrer, estou farta de tudo");
        assertTrue(crisis.contains("ligue para o 112"), crisis);
        assertTrue(crisis.contains("116 111"), crisis);
        assertFalse(crisis.contains("190") || crisis.contains("188"), "Brazil's numbers in Portugal: " + crisis);
    }
}
