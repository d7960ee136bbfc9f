package org.helpline.nlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Risk = the more urgent of a per-language doccat model (labels none|low|high|imminent) and the curated phrase
 * lexicon ({@link KeywordClassifier}, the safety net): a lexicon phrase always means HIGH or IMMINENT whatever the
 * model says. Every assessment says why ("model: high (p=0.91; cues 'pills', 'tonight')", "phrase 'kill myself'").
 *
 * <p><b>Thresholds favour recall</b>: missing a high-risk message is the worst failure, so the model's tier is HIGH
 * as soon as P(high)+P(imminent) reaches {@link #HIGH_THRESHOLD}, well below an even bet.
 *
 * <p><b>Negation</b> ("i'm not going to kill myself"): the lexicon downgrades a negated phrase to LOW, never to
 * NONE: a young person who brings up suicide to deny it is still worth a counsellor's attention. The model sees
 * negation too (NegationFeatureGenerator) and was trained on negated messages labelled low; if it still says HIGH,
 * HIGH stands (max of the two).
 *
 * <p><b>Reported speech</b> ("my friend says she wants to die"): the tier is what it would be for the writer (HIGH),
 * and {@link RiskAssessment#aboutThirdParty()} is true, so the counsellor opens with the friend in mind.
 *
 * <p>Thread-safe.
 */
public final class OpenNlpRiskAssessor implements RiskAssessor {
    /**
     * P(high)+P(imminent) at or above this makes the model's tier at least HIGH. Chosen by 5-fold cross-validation on
     * the English training sets (CrossValidation): the knee before precision falls fast (recall 0.85, precision
     * 0.80 for the model alone, trained to convergence; the lexicon adds recall on top).
     */
    public static final double HIGH_THRESHOLD = 0.35;
    /** P(imminent) at or above this, with P(high)+P(imminent) ≥ {@link #HIGH_THRESHOLD}, makes it IMMINENT. */
    public static final double IMMINENT_THRESHOLD = 0.45;
    /** P(low)+P(high)+P(imminent) at or above this makes the model's tier at least LOW. */
    public static final double LOW_THRESHOLD = 0.5;

    private final Map<String, Categorizer> models;
    private final String defaultLanguage;
    private final KeywordClassifier lexicon;

    public OpenNlpRiskAssessor(Map<String, Categorizer> models, String defaultLanguage, KeywordClassifier lexicon) {
        this.models = Map.copyOf(models);
        this.defaultLanguage = defaultLanguage;
        this.lexicon = lexicon;
        if (!this.models.containsKey(defaultLanguage)) {
            throw new IllegalArgumentException("no risk model for the default language " + defaultLanguage);
        }
    }

    @Override
    public RiskAssessment assess(String text, String language) {
        String normal = TextNormaliser.normalise(text);
        return assessNormalised(normal, TextNormaliser.tokens(normal), language);
    }

    Categorizer model(String language) {
        return models.getOrDefault(language, models.get(defaultLanguage));
    }

    RiskAssessment assessNormalised(String normal, String[] tokens, String language) {
        ModelVerdict model = modelVerdict(tokens, language);
        RiskAssessment phrases = lexicon.assessNormalised(normal, language);
        RiskTier tier = RiskTier.max(model.tier(), phrases.tier());
        List<String> reasons = new ArrayList<>();
        if (tier == RiskTier.NONE) {
            return RiskAssessment.none();
        }
        boolean lexiconFirst = phrases.tier().atLeast(model.tier());
        if (lexiconFirst) {
            reasons.addAll(phrases.reasons());
        }
        if (model.tier() != RiskTier.NONE) {
            reasons.add(model.reason());
        }
        if (!lexiconFirst) {
            reasons.addAll(phrases.reasons());
        }
        boolean thirdParty = phrases.aboutThirdParty();
        if (tier.atLeast(RiskTier.HIGH) && !phrases.tier().atLeast(RiskTier.HIGH)) {
            // the lexicon did not fire at HIGH, so it never looked for reported speech: the model's HIGH needs it too
            Optional<String> cue = ReportedSpeech.thirdPartyCue(normal);
            if (cue.isPresent()) {
                thirdParty = true;
                reasons.add("about someone else (reported speech: '" + cue.get() + "')");
            }
        }
        return new RiskAssessment(tier, reasons, thirdParty);
    }

    /** What the statistical model alone says (for evaluation and explanations). */
    public RiskTier modelTier(String text, String language) {
        return modelVerdict(TextNormaliser.normalisedTokens(text), language).tier();
    }

    private record ModelVerdict(RiskTier tier, String reason) {
    }

    private ModelVerdict modelVerdict(String[] tokens, String language) {
        if (tokens.length == 0) {
            return new ModelVerdict(RiskTier.NONE, "");
        }
        Categorizer model = model(language);
        double[] p = model.probabilities(tokens);
        double imminent = prob(model, p, "imminent");
        double high = prob(model, p, "high");
        double low = prob(model, p, "low");
        RiskTier tier;
        double shown;
        if (high + imminent >= HIGH_THRESHOLD) {
            tier = imminent >= IMMINENT_THRESHOLD ? RiskTier.IMMINENT : RiskTier.HIGH;
            shown = tier == RiskTier.IMMINENT ? imminent : high + imminent;
        } else if (low + high + imminent >= LOW_THRESHOLD) {
            tier = RiskTier.LOW;
            shown = low + high + imminent;
        } else {
            return new ModelVerdict(RiskTier.NONE, "");
        }
        String reason = String.format(Locale.ROOT, "model: %s (p=%.2f)", tier.name().toLowerCase(Locale.ROOT), shown);
        if (tier.atLeast(RiskTier.HIGH)) {
            List<String> cues = model.strongestCues(tokens, List.of("high", "imminent"), 3);
            if (cues.isEmpty() && Math.abs((high + imminent) - priorRisk(model)) < PRIOR_MARGIN) {
                // nothing in the message moved the model off its prior ("1", "2", "ok"): it has no evidence either
                // way, and the lexicon alone judges the message. Without this every menu reply would escalate.
                return new ModelVerdict(RiskTier.NONE, "");
            }
            if (!cues.isEmpty()) {
                reason = reason.substring(0, reason.length() - 1) + "; cues '" + String.join("', '", cues) + "')";
            }
        }
        return new ModelVerdict(tier, reason);
    }

    /** How far from the prior a message must move the model for its verdict to count as evidence. */
    static final double PRIOR_MARGIN = 0.05;
    private final Map<Categorizer, Double> priors = new java.util.concurrent.ConcurrentHashMap<>();

    /** P(high)+P(imminent) for a message none of whose features the model knows: its prior. */
    private double priorRisk(Categorizer model) {
        return priors.computeIfAbsent(model, m -> {
            double[] p = m.probabilities(new String[] {"\u2400\u2401\u2402\u2403"});
            return prob(m, p, "high") + prob(m, p, "imminent");
        });
    }

    private static double prob(Categorizer model, double[] p, String label) {
        int i = model.index(label);
        return i < 0 ? 0 : p[i];
    }
}
