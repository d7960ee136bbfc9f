package org.helpline.dialogue.event;

/**
 * The young person said it is not safe for us to text them ("is it safe for you to text me back? my mum checks my
 * phone", "NOT SAFE"), or that it is safe again. While not safe, nothing unprompted may reach them: the gateway's send
 * point refuses it, and the counsellor's console shows it.
 *
 * @param safeToText false: not safe to text back (answers to their own messages only)
 */
public record SafeContactChanged(boolean safeToText) implements Event {
}
