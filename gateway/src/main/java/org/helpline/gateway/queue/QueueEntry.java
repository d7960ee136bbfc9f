package org.helpline.gateway.queue;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * A conversation's place in the live queue, readable.
 *
 * @param state    waiting, claimed or closed
 * @param language the queue it waits in (the conversation's language: counsellors are offered their languages')
 * @param writesIn the language the young person writes in when we do not ship it ({@code de}, {@code ar}), so that
 *                 a counsellor who reads it takes it; {@code null} otherwise
 */
public record QueueEntry(String conversation, String tierName, long enqueuedAt, String state,
                         @Nullable String counsellor, @Nullable Long claimedAt, String language, List<String> reasons,
                         @Nullable String writesIn) {
    public QueueEntry(String conversation, String tierName, long enqueuedAt, String state, String counsellor,
                      Long claimedAt, String language, List<String> reasons) {
        this(conversation, tierName, enqueuedAt, state, counsellor, claimedAt, language, reasons, null);
    }

    public boolean is(QueueState s) {
        return s.stored().equals(state);
    }

    /** Held by this counsellor now. */
    public boolean heldBy(String username) {
        return is(QueueState.CLAIMED) && username.equals(counsellor);
    }
}
