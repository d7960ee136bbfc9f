package org.helpline.gateway.channel;

/** Why the send point refused a message before it reached the provider. */
public enum SendRefusal {
    /** The number opted out (STOP or another opt-out word) and has not texted START since. */
    OPTED_OUT,
    /** The young person said it is not safe for us to text them: only answers to their own messages reach them. */
    NOT_SAFE_TO_TEXT
}
