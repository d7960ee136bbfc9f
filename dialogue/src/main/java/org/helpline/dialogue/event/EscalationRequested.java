package org.helpline.dialogue.event;

import java.util.List;
import org.helpline.nlp.RiskTier;

/**
 * The conversation must reach a counsellor. Produced when the young person asks for a person ("counsellor", "help",
 * "talk to someone", menu option 1) with {@code risk = LOW}, or when a message is assessed HIGH or IMMINENT at any
 * point in any flow. The caller enqueues it idempotently per conversation (a second one raises the tier).
 *
 * @param reason  machine-readable cause: {@code asked_for_counsellor}, {@code risk}, {@code classifier_failure}
 * @param risk    tier at which to queue
 * @param reasons human-readable reasons for the counsellor
 */
public record EscalationRequested(String reason, RiskTier risk, List<String> reasons) implements Event {
    public EscalationRequested {
        reasons = List.copyOf(reasons);
    }
}
