package org.helpline.gateway.channel;

import io.micronaut.core.annotation.Nullable;

/**
 * A message we send on our own initiative (a counsellor's reply, a campaign), not in answer to a webhook.
 *
 * @param to               recipient
 * @param body             text; {@code null} when a WhatsApp template is used
 * @param contentSid       approved WhatsApp template ({@code HX…}), outside the 24-hour window
 * @param contentVariables the template's variables as JSON
 * @param statusQuery      query string added to the status callback URL (e.g. {@code campaign=…&r=…}) so delivery
 *                         statuses can be counted where they belong; {@code null} for none
 * @param purpose          why it is sent: what the send point ({@link SendGuard}) decides by
 */
public record OutboundMessage(Address to, @Nullable String body, @Nullable String contentSid,
                              @Nullable String contentVariables, @Nullable String statusQuery, Purpose purpose) {
    public OutboundMessage {
        purpose = purpose == null ? Purpose.UNPROMPTED : purpose;
    }

    @Override
    public String toString() {
        return "OutboundMessage[" + to.channel() + ", " + (contentSid != null ? "template" : "text") + " redacted]";
    }

    public static OutboundMessage text(Address to, String body) {
        return text(to, body, Purpose.UNPROMPTED);
    }

    public static OutboundMessage text(Address to, String body, Purpose purpose) {
        return new OutboundMessage(to, body, null, null, null, purpose);
    }

    public static OutboundMessage template(Address to, String contentSid, @Nullable String contentVariables) {
        return template(to, contentSid, contentVariables, Purpose.UNPROMPTED);
    }

    public static OutboundMessage template(Address to, String contentSid, @Nullable String contentVariables,
                                           Purpose purpose) {
        return new OutboundMessage(to, null, contentSid, contentVariables, null, purpose);
    }

    public OutboundMessage withStatusQuery(String query) {
        return new OutboundMessage(to, body, contentSid, contentVariables, query, purpose);
    }
}
