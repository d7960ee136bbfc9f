package org.helpline.gateway.channel;

import io.micronaut.core.annotation.Nullable;

/**
 * What the provider said about a send.
 *
 * @param accepted   the provider took the message
 * @param providerId its id (Twilio {@code SM…}) when accepted
 * @param errorCode  the provider's error code when refused (21610: recipient opted out; 63016: outside the WhatsApp
 *                   window)
 * @param retryable  a later try may succeed (rate limited, provider down)
 * @param refusal    set when our own send point refused the message (the provider was not called)
 */
public record SendResult(boolean accepted, @Nullable String providerId, @Nullable Integer errorCode,
                         boolean retryable, @Nullable SendRefusal refusal) {
    public SendResult(boolean accepted, @Nullable String providerId, @Nullable Integer errorCode, boolean retryable) {
        this(accepted, providerId, errorCode, retryable, null);
    }

    public static SendResult ok(String id) {
        return new SendResult(true, id, null, false);
    }

    public static SendResult failed(Integer code, boolean retryable) {
        return new SendResult(false, null, code, retryable);
    }

    public static SendResult refused(SendRefusal why) {
        return new SendResult(false, null, null, false, why);
    }
}
