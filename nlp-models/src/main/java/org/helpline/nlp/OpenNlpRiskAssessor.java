package org.helpline.nlp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Risk from three parts, each doing what it is good at:
 * <ul>
 *   <li>the <b>real-text model</b> ({@link RealRiskModel}), learnt from real, independently labelled text: it alone
 *   decides whether a message without a lexicon phrase is HIGH (P ≥ its threshold, chosen on development data);</li>
 *   <li>the <b>lexicon</b> ({@link KeywordClassifier}, every shipped language's phrases on every message): a phrase
 *   always means its tier whatever the models say, and an explicit first-person statement ("i want to die")
 *   sends the emergency numbers at once;</li>
 *   <li>the <b>curated four-tier model</b> (a doccat model per language, trained on the helpline-style corpora we
 *   wrote): its LOW ("worth a counsellor") counts; its HIGH counts as HIGH only with real-text evidence beside it
 *   (see {@link #curatedTier}). Trained on text one author
 *   wrote, it had learnt function words and time words ("i want", "now", "rn") as risk, which flagged everyday
 *   requests; real text is the better judge of HIGH.</li>
 * </ul>
 * <b>IMMINENT</b> means plan, means, timing or danger now: a lexicon IMMINENT phrase, or a clearly HIGH assessment
 * (a lexicon phrase, or P ≥ {@link #CLEAR}) together with an imminence cue ({@link KeywordClassifier#imminenceCue}: "tonight", "took", "outside my house"). A time word
 * alone never raises a tier.
 *
 * <p><b>Negation</b> ("i'm not going to kill myself"): the lexicon downgrades a negated phrase to LOW, never to
 * NONE; if the real-text model still says HIGH, HIGH stands. <b>Reported speech</b> ("my friend says she wants to
 * die"): the tier is what it would be for the writer, and {@link RiskAssessment#aboutThirdParty()} is true.
 *
 * <p>Every assessment says why, and carries the real-text model's probability as {@link RiskAssessment#evidence()}
 * for the conversation's running risk. Thread-safe.
 */
public final class OpenNlpRiskAssessor implements RiskAssessor {
    /** The curated model's P(high)+P(imminent) at or above this makes its tier HIGH (counted as LOW, see above). */
    public static final double HIGH_THRESHOLD = 0.35;
    /**
     * The curated model's HIGH counts as HIGH when the real-text model's odds for the message are at least this share
     * of the odds at its threshold: the curated model knows the helpline's kinds of case (grooming, sextortion, abuse
     * at home) that little real text covers, and most of the real-text evidence is enough to corroborate it. Alone,
     * it is LOW. Odds, not probabilities: long posts have a threshold near 1, where a share of the probability
     * (0.7 × 0.99) would be no corroboration at all, and the curated model, which learnt from SMS-sized messages,
     * reads most long teen posts as HIGH.
     */
    static final double CORROBORATION = Double.parseDouble(System.getProperty("nlp.corroboration", "0.5"));
    /** The curated model's HIGH is LOW from this share of the threshold's odds, and nothing below it. */
    static final double SUPPORT = Double.parseDouble(System.getProperty("nlp.support", "0.44"));
    /** P(low)+P(high)+P(imminent) at or above this makes the curated model's tier at least LOW. */
    public static final double LOW_THRESHOLD = 0.5;

    private final Map<String, Categorizer> models;
    private final String defaultLanguage;
    private final KeywordClassifier lexicon;
    private final RealRiskModel real;

    public OpenNlpRiskAssessor(Map<String, Categorizer> models, String defaultLanguage, KeywordClassifier lexicon,
                               RealRiskModel real) {
        this.models = Map.copyOf(models);
        this.defaultLanguage = defaultLanguage;
        this.lexicon = lexicon;
        this.real = real;
        if (!this.models.containsKey(defaultLanguage)) {
            throw new IllegalArgumentException("no risk model for the default language " + defaultLanguage);
        }
    }

    /** The same parts with another real-text model (evaluation tries candidates and thresholds). */
    public OpenNlpRiskAssessor with(RealRiskModel other) {
        return new OpenNlpRiskAssessor(models, defaultLanguage, lexicon, other);
    }

    public RealRiskModel realModel() {
        return real;
    }

    @Override
    public RiskAssessment assess(String text, String language) {
        String normal = TextNormaliser.normalise(text);
        return assessNormalised(normal, TextNormaliser.tokens(normal), language);
    }

    Categorizer model(String language) {
        return models.getOrDefault(language, models.get(defaultLanguage));
    }

    /**
     * What each part says of one message, before the real-text model's threshold is applied: what evaluation
     * needs to choose that threshold without classifying every message again.
     *
     * @param probability the real-text model's P(HIGH+)
     * @param chars       the normalised message's length (which threshold applies)
     * @param phrases     the lexicon's tier
     * @param curated     the curated model's own tier (what it counts for depends on the threshold)
     * @param language    the language the thresholds are looked up for
     */
    public record Evidence(double probability, int chars, RiskTier phrases, RiskTier curated, String language,
                           boolean covered) {
        /** A message in a language the real-text model covers (see {@link RealRiskModel#covers}). */
        public Evidence(double probability, int chars, RiskTier phrases, RiskTier curated, String language) {
            this(probability, chars, phrases, curated, language, true);
        }

        /** The tier from the lexicon and the curated model, were {@code threshold} the real-text model's. */
        public RiskTier others(double threshold) {
            return RiskTier.max(phrases, curatedTier(curated, probability, threshold, covered));
        }

        /** HIGH+ (to a counsellor), were {@code threshold} the real-text model's. */
        public boolean flagged(double threshold) {
            return probability >= threshold || others(threshold).atLeast(RiskTier.HIGH);
        }
    }

    public Evidence evidence(String text, String language) {
        String normal = TextNormaliser.normalise(text);
        String[] tokens = TextNormaliser.tokens(normal);
        RiskTier phrases = lexicon.assessNormalised(normal, language).tier();
        RiskTier curated = modelVerdict(tokens, language).tier();
        return new Evidence(realProbability(normal, tokens, language, phrases), normal.length(), phrases, curated,
                language, real.covers(language));
    }

    /**
     * The real-text model's P(HIGH+), never raised by a time word ({@link #TIME_WORDS}), except that a message of one
     * or two words ("hi", "ok thanks") is too little
     * text for it: there it counts only when it is all but certain ({@link #FEW_WORDS_CERTAINTY}), and the lexicon
     * judges the rest ("kms", "suicidal"). Unit-length features give each of a short message's few features a large
     * value, so one word the model leans on ("hi" opens many posts) would otherwise escalate a greeting. A long
     * message is also read by the sentence encoder ({@link RealRiskModel#readLong}), and so is a borderline short one
     * ({@link RealRiskModel#readShort}).
     */
    private double realProbability(String normal, String[] tokens, String language, RiskTier phrases) {
        if (tokens.length == 0) {
            return 0;
        }
        double p = real.probability(tokens);
        boolean timed = hasTimeWord(tokens);
        if (timed) { // a time word may lower the evidence, never raise it
            p = Math.min(p, real.probability(withoutTimeWords(tokens)));
        }
        int words = 0;
        for (String t : tokens) {
            if (!t.isEmpty() && Character.isLetterOrDigit(t.codePointAt(0))) {
                words++;
            }
        }
        if (normal.length() > real.shortMaxChars()) {
            p = real.readLong(p, normal, language);
        } else if (phrases == RiskTier.NONE && real.inBand(p, normal, words, language)
                && !lexicon.hasIdiom(normal)) {
            // a second opinion where the lexicon has none: a message it judged keeps that judgement ("can i talk to
            // a counsellor" is a request, LOW, which the encoder reads as distress), and an idiom it masks ("dying
            // of laughter") would be read for its death word. The band is checked first: the idiom and time-word
            // work is for the few borderline messages only. The encoder reads the message without its time words,
            // so that they cannot raise it there either
            p = real.readShort(p, timed ? TIME_WORD.matcher(normal).replaceAll("").strip() : normal, words, language);
        }
        return words <= 2 && p < FEW_WORDS_CERTAINTY ? Math.min(p, ConversationRisk.NEUTRAL) : p;
    }

    static final double FEW_WORDS_CERTAINTY = 0.95;

    /**
     * Words that say when, not what: the real-text model learnt some of them as risk (suicidal posts say "tonight"
     * more than teen chatter does), so its probability is also taken without them and the lower one counts. Timing
     * matters only as an imminence cue on a message that is already clearly HIGH.
     */
    static final Set<String> TIME_WORDS = Set.of("tonight", "today", "tomorrow", "now", "right",
            "soon", "later", "minute", "minutes", "hour", "hours", "morning", "evening", "night", "weekend", "week",
            "hoy", "ahora", "manana", "noche", "tarde", "ya", "luego", "pronto", "minutos", "hora", "horas",
            "semana");

    private static final Pattern TIME_WORD = Pattern.compile("\\b(" + String.join("|", TIME_WORDS) + ")\\b");

    private static boolean hasTimeWord(String[] tokens) {
        for (String t : tokens) {
            if (TIME_WORDS.contains(t)) {
                return true;
            }
        }
        return false;
    }

    private static String[] withoutTimeWords(String[] tokens) {
        return Arrays.stream(tokens).filter(t -> !TIME_WORDS.contains(t)).toArray(String[]::new);
    }

    /**
     * A cue makes IMMINENT only a clearly high-risk message: a lexicon phrase, or a real-text probability of at least
     * this. Near the threshold the model is unsure ("hoy es martes?" at 0.27), and a time word must not turn doubt
     * into an emergency.
     */
    static final double CLEAR = 0.5;

    /**
     * What the curated model's verdict counts for: its HIGH is HIGH when corroborated, LOW when the real-text model
     * gives the message a little support ({@link #SUPPORT}), and nothing below that: a HIGH with little real evidence under
     * it is what "i want to track a parcel" got from the words "i want". Its LOW is LOW.
     */
    private static double odds(double p) {
        return p >= 1 ? Double.MAX_VALUE : p / (1 - p);
    }

    private static RiskTier curatedTier(RiskTier curated, double p, double threshold, boolean covered) {
        if (curated.atLeast(RiskTier.HIGH) && !covered) {
            // a language the real-text model never saw risk in (French today): nothing to corroborate with, so the
            // curated model's HIGH stands (its cost, false alarms, is measured on that language's hard negatives)
            return RiskTier.HIGH;
        }
        if (curated.atLeast(RiskTier.HIGH)) {
            double odds = odds(p);
            double atThreshold = odds(threshold);
            return odds >= CORROBORATION * atThreshold ? RiskTier.HIGH
                    : odds >= SUPPORT * atThreshold ? RiskTier.LOW : RiskTier.NONE;
        }
        return curated.atLeast(RiskTier.LOW) ? RiskTier.LOW : RiskTier.NONE;
    }

    RiskAssessment assessNormalised(String normal, String[] tokens, String language) {
        ModelVerdict curated = modelVerdict(tokens, language);
        RiskAssessment phrases = lexicon.assessNormalised(normal, language);
        double p = realProbability(normal, tokens, language, phrases.tier());
        double threshold = real.threshold(normal.length(), language);
        boolean covered = real.covers(language);
        boolean realHigh = p >= threshold;
        RiskTier tier = phrases.tier();
        if (realHigh) {
            tier = RiskTier.max(tier, RiskTier.HIGH);
        }
        RiskTier counted = curatedTier(curated.tier(), p, threshold, covered);
        tier = RiskTier.max(tier, counted); // (and its reason below)
        if (tier == RiskTier.NONE) {
            return new RiskAssessment(RiskTier.NONE, List.of(), false, false, p);
        }
        Optional<String> cue = Optional.empty();
        // (in a language the real-text model does not cover, the curated model's own IMMINENT is that clear verdict)
        if (tier == RiskTier.HIGH && (phrases.tier().atLeast(RiskTier.HIGH) || p >= Math.max(CLEAR, threshold)
                || !covered && curated.imminent())) {
            cue = lexicon.imminenceCue(normal);
            if (cue.isPresent()) {
                tier = RiskTier.IMMINENT;
            }
        }
        List<String> reasons = new ArrayList<>(phrases.reasons());
        reasons.removeIf(r -> r.startsWith("about someone else"));
        if (realHigh || odds(p) >= SUPPORT * odds(threshold)) {
            reasons.add(String.format(Locale.ROOT, "real-text model: %s (p=%.2f, threshold %.2f)",
                    realHigh ? "high" : "below high", p, threshold));
        }
        if (counted != RiskTier.NONE) {
            reasons.add(counted == curated.tier() ? curated.reason()
                    : curated.reason() + ", counted as " + counted.name().toLowerCase(Locale.ROOT)
                            + ": the real-text model does not confirm it");
        }
        cue.ifPresent(c -> reasons.add("imminent: '" + c + "' with a high-risk message"));
        boolean thirdParty = phrases.aboutThirdParty();
        Optional<String> reported = tier.atLeast(RiskTier.HIGH)
                ? ReportedSpeech.thirdPartyCue(normal, phrases.explicit()) : Optional.empty();
        if (reported.isPresent()) {
            thirdParty = true;
            reasons.add("about someone else (reported speech: '" + reported.get() + "')");
        }
        return new RiskAssessment(tier, reasons, thirdParty, phrases.explicit() && tier.atLeast(RiskTier.HIGH), p);
    }

    /** What the statistical model alone says (for evaluation and explanations). */
    public RiskTier modelTier(String text, String language) {
        return modelVerdict(TextNormaliser.normalisedTokens(text), language).tier();
    }

    /** {@code imminent}: P(imminent) is the larger part of the HIGH verdict. */
    private record ModelVerdict(RiskTier tier, String reason, boolean imminent) {
        ModelVerdict(RiskTier tier, String reason) {
            this(tier, reason, false);
        }
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
            tier = RiskTier.HIGH;
            shown = high + imminent;
        } else if (low + high + imminent >= LOW_THRESHOLD) {
            tier = RiskTier.LOW;
            shown = low + high + imminent;
        } else {
            return new ModelVerdict(RiskTier.NONE, "");
        }
        String reason = String.format(Locale.ROOT, "curated model: %s (p=%.2f)", tier.name().toLowerCase(Locale.ROOT), shown);
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
        return new ModelVerdict(tier, reason, tier.atLeast(RiskTier.HIGH) && imminent > high);
    }

    /** How far from the prior a message must move the model for its verdict to count as evidence. */
    static final double PRIOR_MARGIN = 0.05;
    private final Map<Categorizer, Double> priors = new ConcurrentHashMap<>();

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
