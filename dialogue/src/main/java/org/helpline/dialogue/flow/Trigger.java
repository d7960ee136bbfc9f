package org.helpline.dialogue.flow;

/**
 * A global route that works from anywhere in any flow (e.g. "counsellor", "talk to someone", "menu").
 *
 * @param beforeConsent also works before the privacy notice is accepted (reaching a person, erasing one's data)
 */
public record Trigger(Condition condition, Target target, boolean beforeConsent) {
}
