package org.helpline.gateway.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.security.RequestValidator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.helpline.gateway.config.HelplineConfiguration;
import org.helpline.gateway.support.TwilioSigner;
import org.junit.jupiter.api.Test;

/**
 * Our authenticator checks a signature over the URL as given before it asks the SDK; its verdict must be the SDK's
 * {@link RequestValidator#validate} in every case: signed over the URL as given, with the port added or removed (the
 * two variants the SDK accepts), tampered, garbage, over public URLs with and without a port, with odd characters.
 */
class WebhookSignatureTest {
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final String[] PUBLIC_URLS = {"https://helpline.example.org", "https://helpline.example.org:443",
        "https://helpline.example.org:8443", "http://helpline.example.org", "https://helpline.example.org/base"};
    private static final String[] PATHS = {"/twilio/messages", "/twilio/status?campaign=c-1&r=ab%2Fcd",
        "/twilio/messages?x=%C3%A9"};
    private static final String[] PIECES = {"", "hi", "+447400123456", "whatsapp:+254712345678", "SM0123456789abcdef",
        "é", "日本", "\uD83D\uDE00", "\uD83D", "\uDE00", "a b&c=d", "\u0000", "%20", "1"};

    @Test
    void theVerdictIsTheSdksForEveryKindOfRequest() {
        Random random = new Random(7);
        RequestValidator sdk = new RequestValidator(TOKEN);
        int[] agreedAccepted = new int[5];
        int[] seen = new int[5];
        for (String publicUrl : PUBLIC_URLS) {
            WebhookAuthenticator ours = new WebhookAuthenticator(new TwilioConfiguration("AC1", TOKEN, null, null),
                    new HelplineConfiguration(publicUrl, "en", "GB", 1600, false));
            for (int i = 0; i < 400; i++) {
                String pathAndQuery = PATHS[random.nextInt(PATHS.length)];
                String url = publicUrl + pathAndQuery;
                Map<String, String> params = new LinkedHashMap<>();
                for (int k = random.nextInt(12); k > 0; k--) {
                    params.put(piece(random) + piece(random) + k, piece(random) + piece(random));
                }
                int kind = random.nextInt(5);
                String signature = switch (kind) {
                    case 0 -> TwilioSigner.sign(TOKEN, url, params);
                    case 1 -> TwilioSigner.sign(TOKEN, withPort(url), params);
                    case 2 -> TwilioSigner.sign(TOKEN, url.replaceFirst(":(443|8443)/", "/"), params);
                    case 3 -> tamper(TwilioSigner.sign(TOKEN, url, params), random);
                    default -> random.nextBoolean() ? "" : "not-base64!" + piece(random);
                };
                boolean expected = sdk.validate(url, params, signature);
                boolean actual = ours.verify(pathAndQuery, params, signature).accepted();
                assertEquals(expected, actual, "kind " + kind + " over " + publicUrl + " " + pathAndQuery);
                seen[kind]++;
                agreedAccepted[kind] += actual ? 1 : 0;
            }
        }
        assertEquals(seen[0], agreedAccepted[0], "every signature over the URL as given is accepted");
        assertTrue(agreedAccepted[1] > 0 && agreedAccepted[2] > 0, "the SDK's port variants are accepted too");
        assertEquals(0, agreedAccepted[3] + agreedAccepted[4], "tampered and garbage signatures are refused");
    }

    /** The URL with the scheme's default port written out, as the SDK's variant does when there is none. */
    private static String withPort(String url) {
        java.net.URI u = java.net.URI.create(url);
        if (u.getPort() != -1) {
            return url;
        }
        int port = "https".equals(u.getScheme()) ? 443 : 80;
        return url.replaceFirst("^(https?://[^/]+)", "$1:" + port);
    }

    private static String tamper(String signature, Random random) {
        char[] c = signature.toCharArray();
        int i = random.nextInt(c.length - 1);
        c[i] = c[i] == 'A' ? 'B' : 'A';
        return new String(c);
    }

    private static String piece(Random random) {
        return PIECES[random.nextInt(PIECES.length)];
    }
}
