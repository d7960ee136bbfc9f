package org.helpline.gateway.queue;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * A conversation's place in the live queue, readable.
 *
 * @param state waiting, claimed or closed
 */
public record QueueEntry(String conversation, String tierName, long enqueuedAt, String state,
                         @Nullable String counsellor, @Nullable Long claimedAt, String language, List<String> reasons) {
}
