package org.helpline.nlp;

/**
 * How urgently a message needs a human. Ordered: a later constant is always more urgent.
 *
 * <ul>
 *   <li>{@link #NONE}: nothing suggests risk.</li>
 *   <li>{@link #LOW}: distress or a request for a person, no sign of danger.</li>
 *   <li>{@link #HIGH}: self-harm or suicidal thoughts, abuse, sextortion, grooming: a counsellor must see it.</li>
 *   <li>{@link #IMMINENT}: plan, means, timeframe, or danger happening now.</li>
 * </ul>
 */
public enum RiskTier {
    NONE, LOW, HIGH, IMMINENT;

    /** True when this tier is at least as urgent as {@code other}. */
    public boolean atLeast(RiskTier other) {
        return compareTo(other) >= 0;
    }

    /** The more urgent of two tiers. */
    public static RiskTier max(RiskTier a, RiskTier b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
