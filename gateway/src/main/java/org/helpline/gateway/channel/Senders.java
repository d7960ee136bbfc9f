package org.helpline.gateway.channel;

import jakarta.inject.Singleton;
import java.util.List;

/** Picks the sender for a recipient's channel. */
@Singleton
public final class Senders {
    private final List<MessageSender> senders;

    public Senders(List<MessageSender> senders) {
        this.senders = senders;
    }

    public SendResult send(OutboundMessage message) {
        return senderFor(message).send(message);
    }

    /** Whether the provider already has this message (see {@link MessageSender#lookup}). */
    public MessageSender.Lookup lookup(OutboundMessage message, java.time.Instant since) {
        return senderFor(message).lookup(message, since);
    }

    private MessageSender senderFor(OutboundMessage message) {
        for (MessageSender s : senders) {
            if (s.handles(message.to().channel())) {
                return s;
            }
        }
        throw new IllegalStateException("no sender for channel " + message.to().channel()
                + " (is Twilio configured? TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM)");
    }
}
