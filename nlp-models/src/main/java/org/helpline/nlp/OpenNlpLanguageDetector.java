package org.helpline.nlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import opennlp.tools.langdetect.LanguageDetectorModel;
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
        return k == grams.length ? grams : java.util.Arrays.copyOf(grams, k);
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

    @Override
    public LanguageGuess detect(String text, String fallback) {
        String known = fallback != null && shipped.contains(fallback) ? fallback : null;
        // raw text, not TextNormaliser's: its shorthand expansion is English/Spanish-specific and would bias the model
        String raw = text == null ? "" : text;
        if (raw.length() > MAX_CHARS) {
            raw = raw.substring(0, MAX_CHARS);
        }
        String clean = SPACES.matcher(NOISE.matcher(Normalizer.normalize(raw, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT)).replaceAll(" ")).replaceAll(" ").trim();
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

    public LanguageDetectorModel model() {
        return model;
    }
}
