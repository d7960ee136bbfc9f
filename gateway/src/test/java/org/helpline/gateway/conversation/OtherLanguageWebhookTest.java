package org.helpline.gateway.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.helpline.gateway.privacy.Pseudonymiser;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.gateway.queue.QueueEntry;
import org.helpline.gateway.support.Forms;
import org.helpline.gateway.support.Http;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.helpline.gateway.support.TwilioSigner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A language we do not ship, through signed webhooks into the real classifier (OpenNLP's language detector over
 * its 103 languages), engine, Redis and queue: German and Arabic get the short multilingual line with their own
 * country's emergency number, never the English consent loop; the conversation waits for a counsellor marked with
 * the language; Arabic crisis words before consent go in at once at their tier.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OtherLanguageWebhookTest implements TestPropertyProvider {
    static final String TOKEN = "test-auth-token-0123456789";
    static final String PUBLIC = "https://helpline.example.org";

    @Inject
    EmbeddedServer server;
    @Inject
    Pseudonymiser pseudonymiser;
    @Inject
    LiveQueue queue;

    int sid = 0;

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of("other-language", "twilio.auth-token", TOKEN, "helpline.public-url", PUBLIC);
    }

    @BeforeEach
    void clean() {
        TestRedis.flush();
    }

    private String send(String from, String text) {
        Map<String, String> fields = Forms.inbound(String.format("SM%032d", ++sid), from, text);
        HttpResponse<String> r = Http.post(server.getURL() + "/twilio/messages", "application/x-www-form-urlencoded",
                Http.utf8(Http.form(fields)),
                Map.of("X-Twilio-Signature", TwilioSigner.sign(TOKEN, PUBLIC + "/twilio/messages", fields)));
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private QueueEntry entry(String from) {
        return queue.entry(pseudonymiser.pseudonym(from)).orElseThrow(() -> new AssertionError("not in the queue"));
    }

    @Test
    void germanGetsTheMultilingualLineAndACounsellorWhoReadsGerman() {
        String from = "+4915123456789";
        String first = send(from, "Hallo, ich brauche Hilfe, meine Mutter schlägt mich");
        // Germany: 112 / 110 (the table)
        // every shipped language, each in its own words, and the list of them (step 5 of issue 19)
        assertTrue(first.contains("We write in English, Español, Français, Português, Kiswahili, but a counsellor will read your messages. "
                + "In danger? Call 112 / 110."), first);
        assertTrue(first.contains("Llama al 112 / 110."), first);
        assertTrue(first.contains("Appelle le 112 / 110."), first);
        assertTrue(first.contains("Ligue para o 112 / 110."), first);
        assertTrue(first.contains("Piga 112 / 110."), first);
        assertFalse(first.contains("Reply YES"), "the English consent loop: " + first);
        QueueEntry e = entry(from);
        assertEquals("de", e.writesIn());
        assertEquals("LOW", e.tierName());
        assertTrue(e.reasons().get(0).startsWith("writes in a language we do not ship: de"), e.reasons().toString());

        String again = send(from, "Ich weiß nicht, was ich tun soll, bitte helft mir");
        assertTrue(again.contains("A counsellor will read this. / Un consejero leerá esto. / Un écoutant lira ceci."),
                again);
        assertFalse(again.contains("Reply YES") || again.contains("To chat with us"), again);
    }

    @Test
    void arabicCrisisWordsBeforeConsentReachACounsellorAtOnceWithTheCountrysNumber() {
        String from = "+201012345678";      // Egypt: 122 / 123
        String reply = send(from, "سأنتحر الليلة");
        assertTrue(reply.contains("In danger? Call 122 / 123."), reply);
        assertFalse(reply.contains("Reply YES"), reply);
        QueueEntry e = entry(from);
        assertEquals("IMMINENT", e.tierName());
        assertEquals("ar", e.writesIn());

        String help = send(from, "مرحبا أنا بحاجة إلى مساعدة");
        assertTrue(help.contains("A counsellor will read this."), help);
    }

    @Test
    void englishAndSpanishStillGetTheirFlows() {
        String en = send("+447400123456", "hi i have a question about my friend at school");
        assertTrue(en.contains("Reply YES to continue"), en);
        assertTrue(queue.entry(pseudonymiser.pseudonym("+447400123456")).isEmpty());
        String es = send("+34612345678", "me siento muy solo y nadie me entiende");
        assertFalse(es.contains("We write in") || es.contains("Escribimos en"), es);
    }
}
