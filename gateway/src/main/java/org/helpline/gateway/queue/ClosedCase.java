package org.helpline.gateway.queue;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A closed counsellor case as kept for statistics: disposition and notes (encrypted), without the transcript. It
 * outlives the transcript's retention.
 */
@Serdeable
public record ClosedCase(String conversation, String counsellor, String disposition, String sealedNotes,
                         String tierName, long enqueuedAt, long closedAt) {
}
