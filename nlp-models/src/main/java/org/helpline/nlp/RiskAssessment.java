package org.helpline.nlp;

import java.util.List;

/**
 * A risk tier with the reasons a counsellor can read ("phrase 'kms' (self-harm shorthand)").
 *
 * @param tier            how urgent
 * @param reasons         human-readable reasons, most important first; empty only for {@link RiskTier#NONE}
 * @param aboutThirdParty true when the risk concerns someone else ("my friend says she wants to die")
 */
public record RiskAssessment(RiskTier tier, List<String> reasons, boolean aboutThirdParty) {
    public RiskAssessment {
        if (tier == null) {
            throw new IllegalArgumentException("tier is required");
        }
        reasons = List.copyOf(reasons);
    }

    public static RiskAssessment none() {
        return new RiskAssessment(RiskTier.NONE, List.of(), false);
    }
}
