package org.helpline.gateway.conversation;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.live.LiveEvents;
import org.helpline.gateway.queue.EnqueueScript;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.nlp.RiskTier;

/**
 * What a high-risk message or a request for a person sets off beyond its flow: the crisis window (no broadcast
 * interrupts it) and the live queue, durable before the young person is told a counsellor is coming.
 */
@Singleton
class Escalations {
    private final CommitProtocol protocol;
    private final LiveQueue queue;
    private final LiveEvents events;
    private final BroadcastPause pause;

    Escalations(CommitProtocol protocol, LiveQueue queue, LiveEvents events, BroadcastPause pause) {
        this.protocol = protocol;
        this.queue = queue;
        this.events = events;
        this.pause = pause;
    }

    /** A message assessed HIGH or above: campaigns skip this contact for the crisis window. */
    void crisis(String id, RiskTier tier) {
        pause.crisis(id, tier);
    }

    /**
     * Into the live queue (idempotent: one entry per conversation, raised to the higher tier). {@code writes}: the
     * language the young person writes in when we do not ship it, else {@code null}.
     */
    EnqueueScript.Result enqueue(Attempt a, RiskTier tier, List<String> reasons, String language, String writes) {
        protocol.forget(a.id(), a);
        EnqueueScript.Result r = queue.enqueue(a.id(), tier, reasons, language, writes);
        events.publish("*", "queue", Map.of("depth", queue.depth()));
        return r;
    }

    void rememberToldPosition(String id, long position) {
        queue.rememberToldPosition(id, position);
    }
}
