package org.helpline.gateway.queue;

import org.helpline.nlp.RiskTier;

/**
 * What the live queue reports as it happens, for the metrics ({@code metrics/QueueMeters}); the queue itself knows
 * nothing of Micrometer. {@link #NONE} is for a queue built without the application context (unit tests, benches).
 */
public interface QueueCounters {
    QueueCounters NONE = new QueueCounters() {
    };

    /** An enqueue that added the conversation or raised its tier (not one that changed nothing: a retry). */
    default void enqueued(RiskTier tier, EnqueueScript.Outcome outcome) {
    }

    /** "Help next" gave a counsellor a conversation. */
    default void claimed() {
    }

    /** Leases that expired, their conversations back in the queue. */
    default void leasesExpired(int count) {
    }
}
