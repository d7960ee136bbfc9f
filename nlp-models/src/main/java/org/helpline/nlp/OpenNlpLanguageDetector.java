package org.helpline.nlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

/**
 * Language detection with OpenNLP's published model ({@code langdetect-183.bin}, 103 languages, ISO 639-3), limited
 * to the languages the helpline ships. A message too short to tell ("ok", "hi", "😭😭") or one the model cannot tell
 * apart between shipped languages keeps the contact's known language. Thread-safe: the model is shared, each thread
 * has its own {@link LanguageDetectorME}.
 */
public final class OpenNlpLanguageDetector implements LanguageDetector {
    /** Fewer letters than this and the text is "too short to tell": the known language wins. */
    public static final int MIN_LETTERS = 12;
    /** Share of the shipped languages' probability the best one needs to override the known language. */
    public static final double MIN_SHARE = 0.75;

    /** ISO 639-3 (the model's codes) to ISO 639-1 (ours), for every language we might ship. */
    private static final Map<String, String> ISO3_TO_ISO1 = Map.ofEntries(
            Map.entry("eng", "en"), Map.entry("spa", "es"), Map.entry("por", "pt"), Map.entry("fra", "fr"),
            Map.entry("swa", "sw"), Map.entry("deu", "de"), Map.entry("ita", "it"), Map.entry("cat", "ca"),
            Map.entry("nld", "nl"), Map.entry("ara", "ar"), Map.entry("hin", "hi"), Map.entry("zul", "zu"),
            Map.entry("afr", "af"), Map.entry("tgl", "tl"), Map.entry("ind", "id"));
    private static final Pattern NOISE = Pattern.compile("https?://\\S+|@\\w+|[^\\p{L}\\s']");

    private final LanguageDetectorModel model;
    private final ThreadLocal<LanguageDetectorME> detectors;
    private final List<String> shipped;

    public OpenNlpLanguageDetector(LanguageDetectorModel model, List<String> shipped) {
        this.model = model;
        this.detectors = ThreadLocal.withInitial(() -> new LanguageDetectorME(model));
        this.shipped = List.copyOf(shipped);
        if (this.shipped.isEmpty()) {
            throw new IllegalArgumentException("no shipped language");
        }
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
        String clean = NOISE.matcher(Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
        long letters = clean.chars().filter(Character::isLetter).count();
        if (letters < MIN_LETTERS) {
            return new LanguageGuess(known != null ? known : shipped.get(0), 0.0);
        }
        Language[] predictions = detectors.get().predictLanguages(clean);
        String best = null;
        double bestP = 0;
        double total = 0;
        for (Language l : predictions) {
            String iso1 = ISO3_TO_ISO1.get(l.getLang());
            if (iso1 == null || !shipped.contains(iso1)) {
                continue;
            }
            total += l.getConfidence();
            if (l.getConfidence() > bestP) {
                bestP = l.getConfidence();
                best = iso1;
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
