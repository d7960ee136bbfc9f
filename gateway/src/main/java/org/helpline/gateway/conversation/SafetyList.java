package org.helpline.gateway.conversation;

import java.time.Instant;
import org.helpline.gateway.channel.Address;

/**
 * The safety-message list, as a conversation changes it: JOIN, STOP, START and erasure. Defined here and implemented
 * by the campaign side, so that the arrow points from campaigns to conversations and never back.
 */
public interface SafetyList {
    /** How the young person joined: by a flow's question, or by a keyword ({@code JOIN}, {@code ÚNETE}). */
    enum JoinedBy { FLOW, KEYWORD }

    /**
     * The young person joined by their own message (their message is the consent). {@code evidence} names that
     * message, never its text.
     */
    void joined(Address address, String language, JoinedBy how, String keyword, Instant at, String evidence);

    /** STOP: off the list at once. */
    void optedOut(String conversationId);

    /** START after STOP: back on the list only if they had joined it before. */
    void optedBackIn(String conversationId);

    /** Erasure: out of the list and its indexes. */
    void erased(String conversationId);
}
