package org.helpline.gateway.channel;

import java.util.Optional;

/**
 * The check every message we send on our own initiative passes, in {@link Senders}, the one place such messages leave
 * the gateway: whatever asked for the send (a counsellor, the queue's jobs, a campaign), a refusal here means the
 * provider is never called.
 */
public interface SendGuard {
    /** Empty when the message may go; else why not. */
    Optional<SendRefusal> check(OutboundMessage message);
}
