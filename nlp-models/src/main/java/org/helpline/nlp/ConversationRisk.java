package org.helpline.nlp;

/**
 * The risk of a conversation, accumulated over its messages: a run of individually LOW messages ("so tired of
 * everything", "nobody would notice if i was gone") must reach a counsellor even though none of them alone does.
 *
 * <p>Each message adds its evidence above a neutral level, in log-odds, to a running score that decays by
 * {@link #DECAY} a message: {@code score = DECAY·score + max(0, logit(p) − logit(NEUTRAL))}, where {@code p} is the
 * real-text model's probability ({@link RiskAssessment#evidence()}). At {@link #LIMIT} the conversation is HIGH.
 * Ordinary messages add nothing (p below NEUTRAL), so a long chat about homework never drifts up; the decay makes
 * old evidence fade, so what counts is several worrying messages close together. The constants were chosen on the
 * development split of real posts cut into SMS-sized messages ({@code scripts/evaluate}; docs/nlp-evaluation.md).
 * The score is a number only: no message text is kept for it. Pure and thread-safe.
 */
public final class ConversationRisk {
    public static final double NEUTRAL = 0.08;
    public static final double LIMIT = 1.5;
    public static final double DECAY = 0.85;

    private ConversationRisk() {
    }

    /** The score after one more message whose real-text evidence is {@code p}. */
    public static double next(double score, double p) {
        return next(score, p, NEUTRAL, DECAY);
    }

    public static double next(double score, double p, double neutral, double decay) {
        double q = Math.min(Math.max(p, 1e-6), 1 - 1e-6);
        double added = Math.max(0, logit(q) - logit(neutral));
        double s = decay * Math.max(0, score) + added;
        return Double.isFinite(s) ? s : 0;
    }

    /** True when the running score says the conversation needs a counsellor. */
    public static boolean high(double score) {
        return score >= LIMIT;
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }
}
