package org.helpline.gateway.conversation;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The replies given to one inbound message, kept so a retried webhook gets the same answer. */
@Serdeable
public record StoredReplies(List<String> replies) {
}
