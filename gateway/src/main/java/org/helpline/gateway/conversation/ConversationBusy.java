package org.helpline.gateway.conversation;

/**
 * One message at a time per conversation, across every instance: the lock ({@code conv:{<id>}:lock}, a token with a
 * 10-second lease) is taken by {@link BeginReads} ({@code SET NX PX}) and released by {@code conversation_commit.lua}
 * (or {@code release_lock.lua} on paths that do not commit), each only while the token is still ours. This is thrown
 * when it could not be taken in time (another message of the same conversation is very slow); the webhook answers
 * 503 and Twilio retries.
 */
public final class ConversationBusy extends RuntimeException {
    public ConversationBusy() {
        super("conversation is busy");
    }
}
