package org.helpline.gateway.channel;

/**
 * Sends a message outside a webhook's answer. Replies to an inbound message go back synchronously instead (TwiML in
 * the webhook's response; the simulator's API response): see {@code TwilioWebhookController}.
 */
public interface MessageSender {
    /** Channels this sender delivers to. */
    boolean handles(Channel channel);

    SendResult send(OutboundMessage message);
}
