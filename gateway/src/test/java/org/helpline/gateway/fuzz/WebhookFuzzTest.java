package org.helpline.gateway.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Map;
import org.helpline.gateway.channel.Address;
import org.helpline.gateway.twilio.FormParser;
import org.helpline.gateway.channel.InboundMessage;
import org.helpline.gateway.twilio.WebhookAuthenticator;
import org.helpline.gateway.config.HelplineConfiguration;
import org.helpline.gateway.twilio.TwilioConfiguration;

/**
 * Jazzer fuzz tests of the webhook's untrusted input path: the form parser, the signature check and the address and
 * text cleaning. Any exception other than the documented refusals is a finding. Runs its seed corpus in every build;
 * {@code scripts/fuzz} fuzzes for a bounded time (CI) or longer.
 */
class WebhookFuzzTest {
    private static final WebhookAuthenticator AUTH = new WebhookAuthenticator(
            new TwilioConfiguration("AC1", "fuzz-token", null, null),
            new HelplineConfiguration("https://helpline.example.org", "en", "GB", 1600, false));

    @FuzzTest(maxDuration = "20s")
    void formParserOnlyRefusesWithFormException(byte[] body) {
        Map<String, String> form;
        try {
            form = FormParser.parse(body);
        } catch (FormParser.FormException e) {
            assertNotNull(e.getMessage());
            return;
        }
        for (Map.Entry<String, String> f : form.entrySet()) {
            assertTrue(!f.getKey().isEmpty());
            assertNotNull(f.getValue());
        }
    }

    @FuzzTest(maxDuration = "20s")
    void signatureAddressAndTextNeverCrash(FuzzedDataProvider data) {
        String path = "/twilio/messages" + data.consumeString(40);
        String signature = data.consumeBoolean() ? null : data.consumeString(40);
        String from = data.consumeString(40);
        String text = data.consumeRemainingAsString();
        WebhookAuthenticator.Verdict v = AUTH.verify(path, Map.of("From", from, "Body", text), signature);
        assertNotNull(v.reason());
        try {
            Address a = Address.parse(from);
            assertTrue(a.raw().contains(a.e164()));
        } catch (IllegalArgumentException expected) {
            // refusing a malformed address is the documented outcome
        }
        String clean = InboundMessage.clean(text);
        assertTrue(clean.chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\t'), "control characters removed");
    }
}
