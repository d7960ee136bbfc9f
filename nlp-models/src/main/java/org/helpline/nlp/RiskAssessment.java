package org.helpline.nlp;

import java.util.List;

/**
 * A risk tier with the reasons a counsellor can read ("phrase 'kms' (self-harm shorthand)").
 *
 * @param tier            how urgent
 * @param reasons         human-readable reasons, most important first; empty only for {@link RiskTier#NONE}
 * @param aboutThirdParty true when the risk concerns someone else ("my friend says she wants to die")
 * @param explicit        an explicit suicidal statement or self-harm disclosure by the writer ("i want to die",
 *                        "kms", "i cut myself again"): whatever the tier, the young person gets the emergency and
 *                        helpline numbers at once
 * @param evidence        the real-text risk model's probability that the message is high risk (0 when no model ran):
 *                        what the conversation's running risk accumulates
 */
public record RiskAssessment(RiskTier tier, List<String> reasons, boolean aboutThirdParty, boolean explicit,
                             double evidence) {
    public RiskAssessment {
        if (tier == null) {
            throw new IllegalArgumentException("tier is required");
        }
        if (!(evidence >= 0 && evidence <= 1)) {
            throw new IllegalArgumentException("evidence is a probability: " + evidence);
        }
        reasons = List.copyOf(reasons);
    }

    public RiskAssessment(RiskTier tier, List<String> reasons, boolean aboutThirdParty) {
        this(tier, reasons, aboutThirdParty, false, 0.0);
    }

    public static RiskAssessment none() {
        return new RiskAssessment(RiskTier.NONE, List.of(), false);
    }

    /** Danger now, or an explicit statement of suicide or self-harm: the emergency numbers go out at once. */
    public boolean needsEmergencyNumbers() {
        return tier == RiskTier.IMMINENT || (explicit && tier.atLeast(RiskTier.HIGH));
    }
}
