package org.helpline.gateway.channel;

import com.twilio.security.RequestValidator;
import io.micronaut.context.annotation.Context;
import org.helpline.gateway.config.HelplineConfiguration;
import org.helpline.gateway.config.TwilioConfiguration;

import java.util.Map;

/**
 * Decides whether a webhook really comes from Twilio: {@code X-Twilio-Signature} checked with the SDK's
 * {@link RequestValidator} over the public URL Twilio called ({@code HELPLINE_PUBLIC_URL} + path + query). When an auth
 * token is set, unsigned webhooks are refused in every environment; without one they are accepted only where
 * {@code helpline.allow-unsigned} is on (the development run), and refused otherwise.
 */
@Context
public final class WebhookAuthenticator {
    /** Outcome of a check; {@code reason} is safe to log and to return. */
    public record Verdict(boolean accepted, String reason) {
    }

    private final RequestValidator validator;
    private final String publicUrl;
    private final boolean allowUnsigned;

    public WebhookAuthenticator(TwilioConfiguration twilio, HelplineConfiguration helpline) {
        this.validator = twilio.signaturesRequired() ? new RequestValidator(twilio.authToken()) : null;
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
        if (validator == null) {
            return allowUnsigned ? new Verdict(true, "unsigned webhooks allowed (development, no auth token)")
                    : new Verdict(false, "webhooks refused: TWILIO_AUTH_TOKEN is not configured");
        }
        if (signature == null || signature.isBlank()) {
            return new Verdict(false, "missing X-Twilio-Signature");
        }
        boolean valid = validator.validate(publicUrl + pathAndQuery, params, signature);
        return valid ? new Verdict(true, "signature valid") : new Verdict(false, "invalid X-Twilio-Signature");
    }
}
