package org.helpline.gateway.conversation;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The reply cache's first form (the replies' texts as JSON), still read for caches written before it kept where the
 * replies are in the transcript instead ({@link ConversationStore#storedReplies}).
 */
@Serdeable
public record StoredReplies(List<String> replies) {
}
