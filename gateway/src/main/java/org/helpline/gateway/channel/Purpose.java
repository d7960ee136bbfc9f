package org.helpline.gateway.channel;

/**
 * Why a message goes out on our own initiative (never in a webhook's answer). The send point ({@link SendGuard})
 * decides by it: an opted-out number gets nothing; a young person for whom it is not safe to be texted gets only a
 * counsellor's reply while they are writing (within the configured window), nothing else.
 */
public enum Purpose {
    /** A counsellor's message in a conversation they hold. */
    COUNSELLOR_REPLY,
    /** A better place in line, or any other news of the live queue. */
    QUEUE_UPDATE,
    /** The message that tells the young person a counsellor ended the chat. */
    CLOSING,
    /** A campaign broadcast. */
    CAMPAIGN,
    /** Anything else sent without being asked for. */
    UNPROMPTED
}
