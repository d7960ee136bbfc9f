package org.helpline.dialogue.flow;

/** One router case: if {@code condition} holds, go to {@code target}. */
public record Case(Condition condition, Target target) {
}
