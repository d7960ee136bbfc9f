package org.helpline.gateway.conversation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One line of a transcript as stored: metadata in clear, the text (and risk reasons, which quote it) encrypted.
 *
 * @param at        ISO instant
 * @param direction {@code in} (young person), {@code bot}, {@code counsellor}
 * @param messageId provider id of an inbound message
 * @param risk      risk tier of an inbound message
 * @param sealed    encrypted {@link TranscriptText} (see MessageCipher)
 */
@Serdeable
public record TranscriptEntry(String at, String direction, @Nullable String messageId, @Nullable String risk,
                              String sealed) {
}
