package org.helpline.gateway.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.helpline.gateway.privacy.Pseudonymiser;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.gateway.support.Forms;
import org.helpline.gateway.support.Http;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.helpline.gateway.support.TwilioSigner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Each texter's own country's safety numbers, through signed webhooks into the real classifier, engine, Redis and
 * queue: texters from France, Brazil, Portugal and Kenya in crisis are given their country's numbers (never the
 * UK's, which was everyone's fallback), a correction in the configuration reaches the texter, and a texter whose
 * number has no country is told to call their local emergency number.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CountryNumbersWebhookTest implements TestPropertyProvider {
    static final String TOKEN = "test-auth-token-0123456789";
    static final String PUBLIC = "https://helpline.example.org";
    private static final Pattern BODY = Pattern.compile("<Body>(.*?)</Body>", Pattern.DOTALL);
    /** The queue's own figure, the only digits a reply may have besides the safety numbers. */
    private static final Pattern POSITION = Pattern.compile("You are number [0-9]+ in line\\.|Tu es numéro [0-9]+ dans la file\\."
            + "|Você é o número [0-9]+ na fila\\.");

    @Inject
    EmbeddedServer server;
    @Inject
    Pseudonymiser pseudonymiser;
    @Inject
    LiveQueue queue;

    int sid = 0;

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of("country-numbers", "twilio.auth-token", TOKEN, "helpline.public-url", PUBLIC,
                // a deployment's correction: Kenya's emergency number as the deployment gives it
                "helpline.countries.KE.emergency", "112",
                // and a helpline cleared: the texts leave it out
                "helpline.countries.TZ.helpline", "");
    }

    @BeforeEach
    void clean() {
        TestRedis.flush();
    }

    /** The replies' texts, from the webhook's TwiML. */
    private List<String> send(String from, String text) {
        Map<String, String> fields = Forms.inbound(String.format("SM%032d", ++sid), from, text);
        HttpResponse<String> r = Http.post(server.getURL() + "/twilio/messages", "application/x-www-form-urlencoded",
                Http.utf8(Http.form(fields)),
                Map.of("X-Twilio-Signature", TwilioSigner.sign(TOKEN, PUBLIC + "/twilio/messages", fields)));
        assertEquals(200, r.statusCode(), r.body());
        List<String> out = new ArrayList<>();
        Matcher m = BODY.matcher(r.body());
        while (m.find()) {
            out.add(m.group(1).replace("&apos;", "'").replace("&quot;", "\"").replace("&amp;", "&"));
        }
        return out;
    }

    private record Case(String from, String text, String emergency, String helpline, String said) {
        Case(String from, String text, String emergency, String helpline) {
            this(from, text, emergency, helpline, "If you are in danger right now, call " + emergency
                    + ". You can also call " + helpline + " for free");
        }
    }

    @Test
    void textersInCrisisAreGivenTheirOwnCountrysNumbers() {
        List<Case> cases = List.of(
                // France ships French now (issue 19): the French texts, with France's numbers
                new Case("+33612345678", "je veux mourir", "112", "119 / 3114",
                        "Si tu es en danger maintenant, appelle le 112. Tu peux aussi appeler gratuitement le 119 / 3114"),
                // Brazil and Portugal ship Portuguese now (issue 19): the Portuguese texts, with each one's numbers
                new Case("+5511961234567", "quero morrer hoje a noite", "190 / 192", "188 / 100",
                        "Se você está em perigo agora, ligue para o 190 / 192. Você também pode ligar de graça para o 188 / 100"),
                new Case("+351912345678", "apetece-me morrer", "112", "116 111",
                        "Se você está em perigo agora, ligue para o 112. Você também pode ligar de graça para o 116 111"),
                new Case("+254712345678", "i want to kill myself tonight", "112", "116"));
        for (Case c : cases) {
            List<String> replies = send(c.from(), c.text());
            String all = String.join("\n", replies);
            assertTrue(all.contains(c.said()), c.from().substring(0, 4) + ": " + all);
            String rest = POSITION.matcher(all).replaceAll("").replace(c.helpline(), "").replace(c.emergency(), "");
            assertFalse(rest.matches("(?s).*[0-9].*"), c.from().substring(0, 4) + ": another number in: " + all);
            assertTrue(queue.entry(pseudonymiser.pseudonym(c.from())).isPresent(), c.from().substring(0, 4));
        }
    }

    @Test
    void aHelplineClearedInTheConfigurationIsLeftOut() {
        // too short for the detector to tell: Tanzania's language, Swahili, answers (issue 19)
        String all = String.join("\n", send("+255712345678", "i want to die"));
        assertTrue(all.contains("Ukiwa hatarini sasa hivi, piga 112.\n"), all);
        assertFalse(all.contains("116"), all);
    }

    @Test
    void theNumbersStayTheCountrysThroughTheConversation() {
        String from = "+33612345679";
        send(from, "bonjour");
        String declined = String.join("\n", send(from, "no"));
        // (France settles French: the declined text is the French one, with France's numbers)
        assertTrue(declined.contains("appelle gratuitement le 119 / 3114") && declined.contains("appelle le 112"),
                declined);
        assertFalse(declined.contains("999") || declined.contains("0800 1111"), declined);
    }

    @Test
    void aTexterWhoseNumberHasNoCountryIsToldToCallTheirLocalEmergencyNumber() {
        // +888: a non-geographic number (libphonenumber's example for it): no country, so no country's number
        String from = "+88812345678901";
        List<String> replies = send(from, "i want to die");
        String all = String.join("\n", replies);
        assertTrue(all.contains("If you are in danger right now, call your local emergency number."), all);
        assertFalse(POSITION.matcher(all).replaceAll("").matches("(?s).*[0-9].*"), all);
        assertTrue(queue.entry(pseudonymiser.pseudonym(from)).isPresent());
    }
}
