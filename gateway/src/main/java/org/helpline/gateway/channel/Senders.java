package org.helpline.gateway.channel;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The one way out for every message sent on our own initiative (a counsellor's reply, queue updates, the closing
 * message, campaigns): the {@link SendGuard} is asked first (opted-out numbers, young people for whom it is not safe
 * to be texted), then the sender for the recipient's channel.
 */
@Singleton
public final class Senders {
    private final List<MessageSender> senders;
    private final SendGuard guard;

    public Senders(List<MessageSender> senders) {
        this(senders, null);
    }

    @jakarta.inject.Inject
    public Senders(List<MessageSender> senders, @io.micronaut.core.annotation.Nullable SendGuard guard) {
        this.senders = senders;
        this.guard = guard;
    }

    public SendResult send(OutboundMessage message) {
        if (guard != null) {
            Optional<SendRefusal> refusal = guard.check(message);
            if (refusal.isPresent()) {
                return SendResult.refused(refusal.get());
            }
        }
        return senderFor(message).send(message);
    }

    /**
     * Sends with retries for a message someone is waiting on (a counsellor's reply): a refusal that may pass later
     * (429, 5xx) is tried again after {@code backoff}, doubling; a failure that leaves it unknown whether the provider
     * took the message (a timeout, a dropped connection) is first checked with {@link #lookup}, so a message is never
     * sent twice. The last result is returned when every attempt failed.
     */
    public SendResult sendReliably(OutboundMessage message, int attempts, Duration backoff) {
        Instant start = Instant.now();
        SendResult r = null;
        for (int i = 0; i < attempts; i++) {
            if (i > 0) {
                try {
                    Thread.sleep(backoff.toMillis() << (i - 1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return r;
                }
            }
            r = send(message);
            if (r.accepted() || !r.retryable()) { // a refusal of the send point is never retryable
                return r;
            }
            if (r.errorCode() == null) {
                MessageSender.Lookup found = lookup(message, start);
                if (found.found() == MessageSender.Found.YES) {
                    return SendResult.ok(found.providerId());
                }
            }
        }
        return r;
    }

    /** Whether the provider already has this message (see {@link MessageSender#lookup}). */
    public MessageSender.Lookup lookup(OutboundMessage message, Instant since) {
        return senderFor(message).lookup(message, since);
    }

    /** How messages to a channel would leave: a real provider, the development stand-in, or not at all. */
    public enum Route { PROVIDER, STAND_IN, NONE }

    public Route route(Channel channel) {
        for (MessageSender s : senders) {
            if (s.handles(channel)) {
                return s.standIn() ? Route.STAND_IN : Route.PROVIDER;
            }
        }
        return Route.NONE;
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
