package org.helpline.gateway.channel;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * Sends a message outside a webhook's answer. Replies to an inbound message go back synchronously instead (TwiML in
 * the webhook's response; the simulator's API response): see {@code TwilioWebhookController}.
 */
public interface MessageSender {
    /** Channels this sender delivers to. */
    boolean handles(Channel channel);

    SendResult send(OutboundMessage message);

    /**
     * Whether this sender only pretends to deliver (the development run's stand-in for Twilio): what a campaign's
     * preview warns about, so nobody mistakes a development run for a broadcast.
     */
    default boolean standIn() {
        return false;
    }

    /** Whether a message was sent, as far as the provider can tell. */
    enum Found { YES, NO, UNKNOWN }

    /** The answer to {@link #lookup}: and the provider's id of the message when found. */
    record Lookup(Found found, @Nullable String providerId) {
        public static final Lookup UNKNOWN = new Lookup(Found.UNKNOWN, null);
    }

    /**
     * Asks the provider whether {@code message} already went out since {@code since}: used after a worker died between
     * sending and recording, so a recipient is neither lost nor messaged twice. Senders that cannot tell answer
     * {@link Found#UNKNOWN}.
     */
    default Lookup lookup(OutboundMessage message, Instant since) {
        return Lookup.UNKNOWN;
    }
}
