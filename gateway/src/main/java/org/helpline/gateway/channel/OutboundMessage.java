package org.helpline.gateway.channel;

import io.micronaut.core.annotation.Nullable;

/**
 * A message we send on our own initiative (a counsellor's reply, a campaign), not in answer to a webhook.
 *
 * @param to               recipient
 * @param body             text; {@code null} when a WhatsApp template is used
 * @param contentSid       approved WhatsApp template ({@code HX…}), outside the 24-hour window
 * @param contentVariables the template's variables as JSON
 */
public record OutboundMessage(Address to, @Nullable String body, @Nullable String contentSid,
                              @Nullable String contentVariables) {
    @Override
    public String toString() {
        return "OutboundMessage[" + to.channel() + ", " + (contentSid != null ? "template" : "text") + " redacted]";
    }

    public static OutboundMessage text(Address to, String body) {
        return new OutboundMessage(to, body, null, null);
    }
}
