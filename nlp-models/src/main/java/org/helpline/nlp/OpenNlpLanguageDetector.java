package org.helpline.nlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import opennlp.tools.langdetect.LanguageDetectorModel;
import opennlp.tools.ml.maxent.GISModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.MaxentModel;

/**
 * Language detection with OpenNLP's published model ({@code langdetect-183.bin}, 103 languages, ISO 639-3), limited
 * to the languages the helpline ships. A message too short to tell ("ok", "hi", "😭😭") or one the model cannot tell
 * apart between shipped languages keeps the contact's known language. Thread-safe: the model is immutable and its
 * evaluation stateless.
 */
public final class OpenNlpLanguageDetector implements LanguageDetector {
    /** Fewer letters than this and the text is "too short to tell": the known language wins. */
    public static final int MIN_LETTERS = 12;
    /** Share of the shipped languages' probability the best one needs to override the known language. */
    public static final double MIN_SHARE = 0.6;

    /** ISO 639-3 (the model's codes) to ISO 639-1 (ours), for every language we might ship. */
    private static final Map<String, String> ISO3_TO_ISO1 = Map.ofEntries(
            Map.entry("eng", "en"), Map.entry("spa", "es"), Map.entry("por", "pt"), Map.entry("fra", "fr"),
            Map.entry("swa", "sw"), Map.entry("deu", "de"), Map.entry("ita", "it"), Map.entry("cat", "ca"),
            Map.entry("nld", "nl"), Map.entry("ara", "ar"), Map.entry("hin", "hi"), Map.entry("zul", "zu"),
            Map.entry("afr", "af"), Map.entry("tgl", "tl"), Map.entry("ind", "id"));
    /**
     * ISO 639-3 (the model's) to ISO 639-1 for {@link #written}: the code a counsellor's language list uses. A
     * language without one keeps its ISO 639-3 code.
     */
    private static final Map<String, String> WRITTEN_ISO1 = Map.ofEntries(
            Map.entry("eng", "en"), Map.entry("spa", "es"), Map.entry("por", "pt"), Map.entry("fra", "fr"),
            Map.entry("swa", "sw"), Map.entry("deu", "de"), Map.entry("ita", "it"), Map.entry("cat", "ca"),
            Map.entry("nld", "nl"), Map.entry("ara", "ar"), Map.entry("hin", "hi"), Map.entry("zul", "zu"),
            Map.entry("afr", "af"), Map.entry("tgl", "tl"), Map.entry("ind", "id"), Map.entry("rus", "ru"),
            Map.entry("ukr", "uk"), Map.entry("pol", "pl"), Map.entry("tur", "tr"), Map.entry("ron", "ro"),
            Map.entry("hun", "hu"), Map.entry("ces", "cs"), Map.entry("slk", "sk"), Map.entry("bul", "bg"),
            Map.entry("ell", "el"), Map.entry("swe", "sv"), Map.entry("dan", "da"), Map.entry("nob", "nb"),
            Map.entry("nno", "nn"), Map.entry("fin", "fi"), Map.entry("ekk", "et"), Map.entry("est", "et"),
            Map.entry("lvs", "lv"), Map.entry("lit", "lt"), Map.entry("hrv", "hr"), Map.entry("srp", "sr"),
            Map.entry("bos", "bs"), Map.entry("slv", "sl"), Map.entry("sqi", "sq"), Map.entry("mkd", "mk"),
            Map.entry("heb", "he"), Map.entry("pes", "fa"), Map.entry("urd", "ur"), Map.entry("ben", "bn"),
            Map.entry("pan", "pa"), Map.entry("tam", "ta"), Map.entry("tel", "te"), Map.entry("mar", "mr"),
            Map.entry("guj", "gu"), Map.entry("kan", "kn"), Map.entry("mal", "ml"), Map.entry("sin", "si"),
            Map.entry("nep", "ne"), Map.entry("tha", "th"), Map.entry("vie", "vi"), Map.entry("cmn", "zh"),
            Map.entry("jpn", "ja"), Map.entry("kor", "ko"), Map.entry("msa", "ms"), Map.entry("som", "so"),
            Map.entry("kaz", "kk"), Map.entry("uzb", "uz"), Map.entry("aze", "az"), Map.entry("kat", "ka"),
            Map.entry("hye", "hy"), Map.entry("isl", "is"), Map.entry("gle", "ga"), Map.entry("cym", "cy"),
            Map.entry("eus", "eu"), Map.entry("glg", "gl"), Map.entry("mlt", "mt"), Map.entry("plt", "mg"));
    /**
     * Fewer letters than this and {@link #written} does not tell: fewer than {@link #MIN_LETTERS}, since a short
     * text in another alphabet ("أريد أن أموت", 10 letters) is plainly not English or Spanish; a short Latin text
     * the model gets wrong stays under the share a caller should require (tested).
     */
    static final int WRITTEN_MIN_LETTERS = 8;
    /** What {@link #written} reads of a message: enough to tell its language, at a bounded cost. */
    static final int WRITTEN_CHARS = 100;
    private static final Pattern NOISE = Pattern.compile("https?://\\S+|@\\w+|[^\\p{L}\\s']");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** Longer texts add nothing to the decision between shipped languages, only time. */
    static final int MAX_CHARS = 240;

    private final LanguageDetectorModel model;
    /** The model's maxent model: its eval is stateless, so one instance serves every thread. */
    private final MaxentModel maxent;
    private final List<String> shipped;
    /** The maxent outcome index of each shipped language (-1 when the model does not know it). */
    private final int[] shippedOutcomes;
    /**
     * For {@link #language}: the model's n-grams ({@code null} if the model is not a GISModel), and for each its
     * parameter for every shipped language ({@code shippedParameters[id * shipped + i]}, 0 when it has none) and its
     * largest parameter for any language (at least 0 when some language has none).
     */
    private final PredicateTable grams;
    private final double[] shippedParameters;
    private final double[] largestParameter;

    public OpenNlpLanguageDetector(LanguageDetectorModel model, List<String> shipped) {
        this.model = model;
        this.maxent = model.getMaxentModel();
        this.shipped = List.copyOf(shipped);
        if (this.shipped.isEmpty()) {
            throw new IllegalArgumentException("no shipped language");
        }
        this.shippedOutcomes = new int[this.shipped.size()];
        for (int i = 0; i < shippedOutcomes.length; i++) {
            shippedOutcomes[i] = -1;
        }
        ISO3_TO_ISO1.forEach((iso3, iso1) -> {
            int at = this.shipped.indexOf(iso1);
            if (at >= 0) {
                shippedOutcomes[at] = maxent.getIndex(iso3);
            }
        });
        if (maxent instanceof GISModel gis) {
            @SuppressWarnings("unchecked")
            Map<String, Context> pmap = (Map<String, Context>) gis.getDataStructures()[1];
            List<String> names = List.copyOf(pmap.keySet());
            grams = PredicateTable.ofNames(names);
            int k = shippedOutcomes.length;
            shippedParameters = new double[names.size() * k];
            largestParameter = new double[names.size()];
            for (int id = 0; id < names.size(); id++) {
                Context context = pmap.get(names.get(id));
                int[] outcomes = context.getOutcomes();
                double[] parameters = context.getParameters();
                double largest = outcomes.length < maxent.getNumOutcomes() ? 0 : Double.NEGATIVE_INFINITY;
                for (int j = 0; j < outcomes.length; j++) {
                    largest = Math.max(largest, parameters[j]);
                    for (int i = 0; i < k; i++) {
                        if (outcomes[j] == shippedOutcomes[i]) {
                            shippedParameters[id * k + i] = parameters[j];
                        }
                    }
                }
                largestParameter[id] = largest;
            }
        } else {
            grams = null;
            shippedParameters = null;
            largestParameter = null;
        }
    }

    /**
     * Character 1- to 3-grams, the features langdetect-183 was trained on (OpenNLP's
     * DefaultLanguageDetectorContextGenerator(1, 3)). Computed here on text we already cleaned (no URLs, mentions,
     * digits or emoji; lower case; single spaces), which is what that generator's normalisers produce, at a fraction
     * of their cost: LanguageDetectorME re-runs five regex normalisers on every call.
     */
    static String[] context(String clean) {
        int n = clean.length();
        String[] grams = new String[Math.max(0, 3 * n - 3)];
        int k = 0;
        for (int len = 1; len <= 3; len++) {
            for (int i = 0; i + len <= n; i++) {
                grams[k++] = clean.substring(i, i + len);
            }
        }
        return k == grams.length ? grams : Arrays.copyOf(grams, k);
    }

    /** Loads {@code langdetect-183.bin} from the classpath (the opennlp-models-langdetect jar). */
    public static OpenNlpLanguageDetector load(List<String> shipped) {
        try (InputStream in = OpenNlpLanguageDetector.class.getResourceAsStream(ModelResources.LANGDETECT)) {
            if (in == null) {
                throw new IllegalStateException(ModelResources.LANGDETECT + " is missing from the classpath: add "
                        + "org.apache.opennlp:opennlp-models-langdetect:1.3.0");
            }
            return new OpenNlpLanguageDetector(new LanguageDetectorModel(in), shipped);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ModelResources.LANGDETECT, e);
        }
    }

    /**
     * What the model sees: the first {@link #MAX_CHARS} characters, NFKC, lower case, URLs, mentions and every
     * character but letters, white space and apostrophes blanked, spaces squeezed, trimmed.
     */
    static String clean(String text) {
        // raw text, not TextNormaliser's: its shorthand expansion is English/Spanish-specific and would bias the model
        String raw = text == null ? "" : text;
        if (raw.length() > MAX_CHARS) {
            raw = raw.substring(0, MAX_CHARS);
        }
        String lower = Normalizer.normalize(raw, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        if (lower.indexOf('@') >= 0 || lower.contains("http")) {
            return SPACES.matcher(NOISE.matcher(lower).replaceAll(" ")).replaceAll(" ").trim();
        }
        // without URLs or mentions, NOISE blanks each code point that is not a letter, white space or apostrophe;
        // then spaces are squeezed and trimmed: one pass keeps letters and apostrophes, single spaces between runs
        StringBuilder out = new StringBuilder(lower.length());
        boolean space = false;
        for (int i = 0; i < lower.length(); ) {
            int cp = lower.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp) || cp == '\'') {
                if (space && out.length() > 0) {
                    out.append(' ');
                }
                space = false;
                out.appendCodePoint(cp);
            } else {
                space = true;
            }
        }
        return out.toString();
    }

    /** The regex version of {@link #clean}: the reference it must equal. */
    static String referenceClean(String text) {
        String raw = text == null ? "" : text;
        if (raw.length() > MAX_CHARS) {
            raw = raw.substring(0, MAX_CHARS);
        }
        return SPACES.matcher(NOISE.matcher(Normalizer.normalize(raw, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT)).replaceAll(" ")).replaceAll(" ").trim();
    }

    @Override
    public LanguageGuess detect(String text, String fallback) {
        String known = fallback != null && shipped.contains(fallback) ? fallback : null;
        return detectClean(clean(text), known);
    }

    /** Margins inside which {@link #language} leaves the decision to {@link #detect}'s full computation. */
    private static final double TIE = 1e-9;
    private static final double FAR_BELOW = 600;

    /**
     * {@code detect(text, fallback).language()}, what classify needs, mostly without computing the model's sums for
     * its 103 languages: only the shipped languages' sums (each the same double as in the full GISModel.eval: the
     * same parameters added in the same order), then their exps. Every language's probability is its exp divided
     * by the same sum N of all exps, so the shipped languages' order and shares follow from their exps alone, up to
     * the rounding of that division. Whenever that rounding could matter (two shipped languages within 1e-9 of
     * each other, the share within 1e-9 of {@link #MIN_SHARE}) or N might underflow or overflow (bounded with each
     * n-gram's largest parameter), the full computation decides. Tested against detect on every corpus message.
     */
    String language(String text, String fallback) {
        String known = fallback != null && shipped.contains(fallback) ? fallback : null;
        String clean = clean(text);
        String fast = fastLanguage(clean, known);
        return fast != null ? fast : detectClean(clean, known).language();
    }

    /** {@link #language}'s decision from the shipped languages' sums, or null when the full computation must decide. */
    String fastLanguage(String clean, String known) {
        if (grams == null || clean.chars().filter(Character::isLetter).count() < MIN_LETTERS) {
            return null;
        }
        int k = shippedOutcomes.length;
        double prior = StrictMath.log(1.0 / maxent.getNumOutcomes()); // UniformPrior, as GISModel.eval starts
        double[] sums = new double[k];
        Arrays.fill(sums, prior);
        double bound = prior;
        char[] chars = clean.toCharArray();
        for (int len = 1; len <= 3; len++) { // context(clean)'s n-grams, in its order
            for (int i = 0; i + len <= chars.length; i++) {
                int id = grams.find(chars, i, len);
                if (id >= 0) {
                    for (int j = 0; j < k; j++) {
                        sums[j] += shippedParameters[id * k + j];
                    }
                    bound += largestParameter[id];
                }
            }
        }
        int best = -1;
        double total = 0;
        double[] exps = new double[k];
        for (int j = 0; j < k; j++) {
            if (shippedOutcomes[j] >= 0) {
                exps[j] = StrictMath.exp(sums[j]);
                total += exps[j];
                best = best < 0 || exps[j] > exps[best] ? j : best;
            }
        }
        boolean safe = best >= 0 && bound < 700 && sums[best] - bound > -FAR_BELOW && exps[best] > 0;
        for (int j = 0; safe && j < k; j++) {
            safe = j == best || shippedOutcomes[j] < 0 || exps[j] < exps[best] * (1 - TIE);
        }
        String language = best >= 0 ? shipped.get(best) : null;
        if (safe && known != null && !language.equals(known)) {
            double share = exps[best] / total;
            if (Math.abs(share - MIN_SHARE) < TIE) {
                safe = false;
            } else if (share < MIN_SHARE) {
                return known;
            }
        }
        return safe ? language : null;
    }

    private LanguageGuess detectClean(String clean, String known) {
        long letters = clean.chars().filter(Character::isLetter).count();
        if (letters < MIN_LETTERS) {
            return new LanguageGuess(known != null ? known : shipped.get(0), 0.0);
        }
        double[] p = maxent.eval(context(clean));
        String best = null;
        double bestP = 0;
        double total = 0;
        for (int i = 0; i < shippedOutcomes.length; i++) {
            if (shippedOutcomes[i] < 0) {
                continue;
            }
            double confidence = p[shippedOutcomes[i]];
            total += confidence;
            if (confidence > bestP) {
                bestP = confidence;
                best = shipped.get(i);
            }
        }
        if (best == null || total <= 0) {
            return new LanguageGuess(known != null ? known : shipped.get(0), 0.0);
        }
        double share = bestP / total;
        if (known != null && !best.equals(known) && share < MIN_SHARE) {
            return new LanguageGuess(known, 1 - share);
        }
        return new LanguageGuess(best, share);
    }

    /**
     * The language the message is written in among all the model's 103 (not only the shipped ones); {@code null}
     * when the text is too short to tell ({@link #WRITTEN_MIN_LETTERS}). Its confidence is a share, not the model's
     * probability (over 103 languages every probability is small, 0.01-0.05): the best language's probability
     * against the best one <em>of the other side</em> — for a language we do not ship, the best shipped one; for a
     * shipped one, the best we do not ship. So 0.6 means 1.5 times as likely as anything on the other side. It reads
     * the first {@link #WRITTEN_CHARS} characters of the cleaned text (about 30 µs here; the full model costs about
     * 0.3 µs a character).
     */
    public LanguageGuess written(String text) {
        String clean = clean(text);
        if (clean.length() > WRITTEN_CHARS) {
            int cut = clean.lastIndexOf(' ', WRITTEN_CHARS);
            clean = clean.substring(0, cut > WRITTEN_CHARS / 2 ? cut : WRITTEN_CHARS);
        }
        if (clean.chars().filter(Character::isLetter).count() < WRITTEN_MIN_LETTERS) {
            return null;
        }
        double[] p = maxent.eval(context(clean));
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        boolean bestShipped = isShipped(best);
        double other = 0;
        for (int i = 0; i < p.length; i++) {
            if (isShipped(i) != bestShipped) {
                other = Math.max(other, p[i]);
            }
        }
        String iso3 = maxent.getOutcome(best);
        return new LanguageGuess(WRITTEN_ISO1.getOrDefault(iso3, iso3), p[best] / (p[best] + other));
    }

    private boolean isShipped(int outcome) {
        for (int o : shippedOutcomes) {
            if (o == outcome) {
                return true;
            }
        }
        return false;
    }

    public LanguageDetectorModel model() {
        return model;
    }
}
