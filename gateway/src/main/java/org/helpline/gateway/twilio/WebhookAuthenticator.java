package org.helpline.gateway.twilio;

import com.twilio.security.RequestValidator;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import org.helpline.gateway.config.HelplineConfiguration;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decides whether a webhook really comes from Twilio: {@code X-Twilio-Signature} checked with the SDK's
 * {@link RequestValidator} over the public URL Twilio called ({@code HELPLINE_PUBLIC_URL} + path + query). When an auth
 * token is set, unsigned webhooks are refused in every environment; without one they are accepted only where
 * {@code helpline.allow-unsigned} is on (the development run), and refused otherwise.
 *
 * <p>The SDK's validator computes two signatures per request, over the URL with its port added and with it removed
 * (re-parsing the URL each time and looking up a new {@code Mac}), which showed in the gateway's CPU and allocation
 * profile (docs/benchmarks-history.md). The URL exactly as given is always one of those two (with a port, adding it changes
 * nothing; without one, removing it changes nothing), so a signature over it is checked first, with a {@code Mac}
 * kept per thread; only a request that fails that check goes to the SDK, whose answer is final. The verdict is
 * therefore the SDK's in every case ({@code WebhookSignatureTest} compares the two over random requests).
 */
@Context
public final class WebhookAuthenticator {
    private static final String HMAC = "HmacSHA1";

    /** Outcome of a check; {@code reason} is safe to log and to return. */
    public record Verdict(boolean accepted, String reason) {
    }

    private final RequestValidator validator;
    private final ThreadLocal<Mac> macs;
    private final String publicUrl;
    private final boolean allowUnsigned;
    /** The development stand-in's account, when it runs: its signed status callbacks are checked with its token. */
    private final DevTwilio dev;

    public WebhookAuthenticator(TwilioConfiguration twilio, HelplineConfiguration helpline) {
        this(twilio, helpline, null);
    }

    @Inject
    public WebhookAuthenticator(TwilioConfiguration twilio, HelplineConfiguration helpline,
                                @Nullable DevTwilio dev) {
        this.dev = twilio.signaturesRequired() ? null : dev;
        this.validator = twilio.signaturesRequired() ? new RequestValidator(twilio.authToken()) : null;
        // the key's bytes as the SDK takes them (String.getBytes(), the platform's charset)
        SecretKeySpec key = validator == null ? null : new SecretKeySpec(twilio.authToken().getBytes(), HMAC);
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance(HMAC);
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA1 is not available", e);
            }
        });
        String url = helpline.publicUrl();
        if (validator != null && (url == null || url.isBlank())) {
            throw new IllegalStateException("TWILIO_AUTH_TOKEN is set but HELPLINE_PUBLIC_URL is not: webhook "
                    + "signatures are computed on the public URL Twilio calls, so it must be configured");
        }
        this.publicUrl = url == null ? null : url.replaceAll("/+$", "");
        this.allowUnsigned = helpline.allowUnsigned();
    }

    /**
     * @param pathAndQuery the request path and query as received, e.g. {@code /twilio/messages?x=1}
     * @param params       the decoded form fields
     * @param signature    the {@code X-Twilio-Signature} header, or {@code null}
     */
    public Verdict verify(String pathAndQuery, Map<String, String> params, String signature) {
        if (validator == null && dev != null && signature != null && !signature.isBlank()) {
            // the development stand-in signs its status callbacks with its own token over this server's loopback URL:
            // a signature that is there must be right, even where unsigned webhooks are allowed
            String url = dev.localBase() + pathAndQuery;
            return MessageDigest.isEqual(DevTwilioController.sign(dev.authToken(), url, params)
                    .getBytes(StandardCharsets.ISO_8859_1), signature.getBytes(StandardCharsets.ISO_8859_1))
                    ? new Verdict(true, "signature of the development stand-in valid")
                    : new Verdict(false, "invalid X-Twilio-Signature");
        }
        if (validator == null) {
            return allowUnsigned ? new Verdict(true, "unsigned webhooks allowed (development, no auth token)")
                    : new Verdict(false, "webhooks refused: TWILIO_AUTH_TOKEN is not configured");
        }
        if (signature == null || signature.isBlank()) {
            return new Verdict(false, "missing X-Twilio-Signature");
        }
        String url = publicUrl + pathAndQuery;
        boolean valid = signedOver(url, params, signature) || validator.validate(url, params, signature);
        return valid ? new Verdict(true, "signature valid") : new Verdict(false, "invalid X-Twilio-Signature");
    }

    /** Whether {@code signature} is Twilio's over exactly {@code url}: the SDK's algorithm, one {@code Mac} a thread. */
    private boolean signedOver(String url, Map<String, String> params, String signature) {
        Mac mac = macs.get();
        mac.update(url.getBytes(StandardCharsets.UTF_8));
        String[] names = params.keySet().toArray(new String[0]);
        Arrays.sort(names);
        for (String name : names) {
            String value = params.get(name);
            mac.update(name.getBytes(StandardCharsets.UTF_8));
            mac.update((value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
        }
        byte[] expected = Base64.getEncoder().encode(mac.doFinal());
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.ISO_8859_1));
    }
}
