package org.helpline.gateway.conversation;

/**
 * One message at a time per conversation, across every gateway instance. The lock ({@code conv:{<id>}:lock}, a
 * token with a 10-second lease) is taken by {@code lua/conversation_begin.lua} in the message's first round trip and
 * released by {@code lua/conversation_commit.lua} in its second (or by {@code lua/release_lock.lua} on paths that do
 * not commit), each only while the token is still ours. If an instance dies holding it, it expires by itself.
 */
public final class ConversationLock {
    private ConversationLock() {
    }

    /** The lock could not be taken in time (another message of the same conversation is very slow). */
    public static final class Busy extends RuntimeException {
        public Busy() {
            super("conversation is busy");
        }
    }
}
