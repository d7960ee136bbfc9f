package org.helpline.dialogue.flow;

/** A global route that works from anywhere in any flow (e.g. "counsellor", "talk to someone", "menu"). */
public record Trigger(Condition condition, Target target) {
}
