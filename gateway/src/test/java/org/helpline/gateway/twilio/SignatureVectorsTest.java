package org.helpline.gateway.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.helpline.gateway.config.HelplineConfiguration;
import org.helpline.gateway.support.TwilioSigner;
import org.junit.jupiter.api.Test;

/** Twilio's published signature test vectors, through our authenticator (which uses the SDK's RequestValidator). */
class SignatureVectorsTest {
    private static final Map<String, String> PARAMS = Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+14158675309",
            "Digits", "1234", "From", "+14158675309", "To", "+18005551212");

    private final WebhookAuthenticator auth = new WebhookAuthenticator(
            new TwilioConfiguration("AC1", "12345", null, null),
            new HelplineConfiguration("https://mycompany.com", "en", "GB", 1600, false));

    @Test
    void publishedVectorIsAccepted() {
        assertTrue(auth.verify("/myapp.php?foo=1&bar=2", PARAMS, "RSOYDt4T1cUTdK1PDd93/VVr8B8=").accepted());
    }

    @Test
    void secondPublishedVectorIsAccepted() {
        Map<String, String> other = Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+12349013030",
                "Digits", "1234", "From", "+12349013030", "To", "+18005551212");
        assertTrue(auth.verify("/myapp.php?foo=1&bar=2", other, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=").accepted());
    }

    @Test
    void ourSignerAgreesWithThePublishedVector() {
        assertEquals("RSOYDt4T1cUTdK1PDd93/VVr8B8=",
                TwilioSigner.sign("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", PARAMS));
    }

    @Test
    void tamperedParamsWrongUrlAndMissingSignatureAreRefused() {
        Map<String, String> tampered = new java.util.HashMap<>(PARAMS);
        tampered.put("Digits", "1235");
        assertFalse(auth.verify("/myapp.php?foo=1&bar=2", tampered, "RSOYDt4T1cUTdK1PDd93/VVr8B8=").accepted());
        assertFalse(auth.verify("/other.php?foo=1&bar=2", PARAMS, "RSOYDt4T1cUTdK1PDd93/VVr8B8=").accepted());
        assertEquals("missing X-Twilio-Signature", auth.verify("/myapp.php", PARAMS, null).reason());
    }

    @Test
    void aTokenWithoutAPublicUrlFailsAtStartUp() {
        assertThrows(IllegalStateException.class, () -> new WebhookAuthenticator(
                new TwilioConfiguration("AC1", "12345", null, null),
                new HelplineConfiguration(null, "en", "GB", 1600, true)));
    }

    @Test
    void withoutATokenUnsignedIsAcceptedOnlyWhereAllowed() {
        TwilioConfiguration none = new TwilioConfiguration(null, null, null, null);
        assertTrue(new WebhookAuthenticator(none, new HelplineConfiguration(null, "en", "GB", 1600, true))
                .verify("/twilio/messages", PARAMS, null).accepted());
        assertFalse(new WebhookAuthenticator(none, new HelplineConfiguration(null, "en", "GB", 1600, false))
                .verify("/twilio/messages", PARAMS, null).accepted());
    }
}
