package org.helpline.dialogue.flow;

/**
 * One router case: if {@code condition} holds (and the conversation's consent is as {@code consented} says, when
 * set), go to {@code target}. In flow files: {@code consented: false} beside the condition.
 */
public record Case(Condition condition, Target target, Boolean consented) {
    public Case(Condition condition, Target target) {
        this(condition, target, null);
    }
}
