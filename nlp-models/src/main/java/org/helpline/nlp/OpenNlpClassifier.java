package org.helpline.nlp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The production classifier: OpenNLP language detection, per-language intent and risk doccat models trained from
 * our corpora, and the curated lexicon as a safety net under the risk model. Thread-safe; build it once per process
 * with {@link #loadDefault()} and share it.
 *
 * <pre>
 * MessageClassifier classifier = OpenNlpClassifier.loadDefault();
 * Classification c = classifier.classify(text, contactLanguage);
 * if (c.intentConfidence() &lt; OpenNlpClassifier.RECOMMENDED_INTENT_THRESHOLD) { ask a clarifying question }
 * if (c.risk().tier().atLeast(RiskTier.HIGH)) { escalate to a counsellor, whatever the intent }
 * </pre>
 */
public final class OpenNlpClassifier implements MessageClassifier {
    /**
     * Below this intent confidence the dialogue should ask what the young person needs instead of acting on the
     * intent. Chosen on the held-out English test set (docs/nlp-evaluation.md, "Intent confidence threshold"): at
     * 0.5 about 93% of messages clear it and about 97% of those are right; recheck it when a corpus changes.
     */
    public static final double RECOMMENDED_INTENT_THRESHOLD = 0.5;

    private final List<String> languages;
    private final OpenNlpLanguageDetector languageDetector;
    private final OpenNlpIntentClassifier intents;
    private final OpenNlpRiskAssessor risks;

    public OpenNlpClassifier(List<String> languages, OpenNlpLanguageDetector languageDetector,
                             OpenNlpIntentClassifier intents, OpenNlpRiskAssessor risks) {
        this.languages = List.copyOf(languages);
        this.languageDetector = languageDetector;
        this.intents = intents;
        this.risks = risks;
    }

    /**
     * Loads every shipped model from the classpath: the languages listed in {@code models/languages.txt}, their
     * intent and risk models, their lexicons and the language detector. Fails loudly (IllegalStateException) when
     * anything is missing: a helpline must not start without its safety net.
     */
    public static OpenNlpClassifier loadDefault() {
        return loadDefault(RealRiskModel.loadDefault());
    }

    /** {@link #loadDefault()} with another real-text risk model (training and evaluation try candidates). */
    public static OpenNlpClassifier loadDefault(RealRiskModel real) {
        List<String> languages = ModelResources.trainedLanguages();
        Map<String, Categorizer> intentModels = new LinkedHashMap<>();
        Map<String, Categorizer> riskModels = new LinkedHashMap<>();
        for (String language : languages) {
            intentModels.put(language, Categorizer.fromResource(ModelResources.intent(language)));
            riskModels.put(language, Categorizer.fromResource(ModelResources.risk(language)));
        }
        return assemble(languages, intentModels, riskModels, real);
    }

    /**
     * Loads a candidate's models from a directory laid out as the classpath's ({@code languages.txt},
     * {@code {lang}/intent.bin}, {@code {lang}/risk.bin}), with the shipped lexicons and language detector: what
     * {@code scripts/train --with-feedback} writes and {@code scripts/evaluate --candidate} compares.
     */
    public static OpenNlpClassifier load(Path models, RealRiskModel real) {
        try {
            List<String> languages = Files.readAllLines(models.resolve("languages.txt"), StandardCharsets.UTF_8)
                    .stream().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            if (languages.isEmpty()) {
                throw new IllegalStateException(models.resolve("languages.txt") + " lists no language");
            }
            Map<String, Categorizer> intentModels = new LinkedHashMap<>();
            Map<String, Categorizer> riskModels = new LinkedHashMap<>();
            for (String language : languages) {
                intentModels.put(language, Categorizer.fromFile(models.resolve(language).resolve("intent.bin")));
                riskModels.put(language, Categorizer.fromFile(models.resolve(language).resolve("risk.bin")));
            }
            return assemble(languages, intentModels, riskModels, real);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the models in " + models, e);
        }
    }

    private static OpenNlpClassifier assemble(List<String> languages, Map<String, Categorizer> intentModels,
                                              Map<String, Categorizer> riskModels, RealRiskModel real) {
        // every lexicon we have, even for a language without a trained model yet: the safety net reaches further
        List<String> lexicons = new ArrayList<>(languages);
        for (String l : KeywordClassifier.LEXICON_LANGUAGES) {
            if (!lexicons.contains(l)) {
                lexicons.add(l);
            }
        }
        KeywordClassifier lexicon = new KeywordClassifier(lexicons);
        String first = languages.get(0);
        OpenNlpIntentClassifier intents = new OpenNlpIntentClassifier(intentModels, first);
        return new OpenNlpClassifier(languages, OpenNlpLanguageDetector.load(languages), intents,
                new OpenNlpRiskAssessor(riskModels, first, lexicon, real));
    }

    @Override
    public Classification classify(String text, String knownLanguage) {
        if (text == null || text.isBlank()) {
            return Classification.empty(knownLanguage);
        }
        String language = languageDetector.language(text, knownLanguage);
        String normal = TextNormaliser.normalise(text);
        String[] tokens = TextNormaliser.tokens(normal);
        IntentPrediction intent = intents.predictTokens(tokens, language);
        RiskAssessment risk = risks.assessNormalised(normal, tokens, language);
        // on the normalised text: spaced-out letters ("k i l l  m y s e l f"), invisible characters and look-alike
        // letters read as the words they hide, not as another language (and its shorthand expansion leans to the
        // shipped languages, the safe side of this decision)
        return new Classification(language, intent.intent(), intent.confidence(), risk,
                languageDetector.written(normal));
    }

    /** The languages with trained models (ISO 639-1), in the order of models/languages.txt. */
    public List<String> languages() {
        return languages;
    }

    public OpenNlpLanguageDetector languageDetector() {
        return languageDetector;
    }

    public OpenNlpIntentClassifier intentClassifier() {
        return intents;
    }

    public OpenNlpRiskAssessor riskAssessor() {
        return risks;
    }
}
