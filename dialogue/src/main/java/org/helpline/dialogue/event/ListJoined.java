package org.helpline.dialogue.event;

/**
 * The texter asked to join the safety-message list (campaign broadcasts), by the join keyword or a flow step. The
 * caller records it as the contact's consent to broadcasts; STOP still wins over it.
 *
 * @param how the keyword texted (e.g. {@code JOIN}), or {@code flow} when a flow step did it
 */
public record ListJoined(String how) implements Event {
}
