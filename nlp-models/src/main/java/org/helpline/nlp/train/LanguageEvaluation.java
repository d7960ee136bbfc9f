package org.helpline.nlp.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.helpline.nlp.Classification;
import org.helpline.nlp.Intent;
import org.helpline.nlp.KeywordClassifier;
import org.helpline.nlp.OpenNlpClassifier;
import org.helpline.nlp.RiskTier;

/**
 * The held-out figures of one language: intent and risk confusion matrices, HIGH+IMMINENT recall and precision (the
 * combined assessor, the model alone and the lexicon alone), the hard-negative flag rate, out-of-scope IMMINENT
 * count, language detection accuracy and the intent-confidence threshold trade-off. Used by {@link Evaluator} and by
 * the tests, so the figures in docs/nlp-evaluation.md and the ones the build checks are the same code.
 */
public record LanguageEvaluation(String language, Confusion intent, Confusion risk, Binary combined,
                                 Binary modelOnly, Binary lexiconOnly, int hardNegatives, int hardNegativesFlagged,
                                 List<String> hardNegativesFlaggedSources, int outOfScope, int outOfScopeImminent,
                                 int languageTotal, int languageRight, List<double[]> thresholds) {

    /** HIGH-or-above as a binary decision: gold high|imminent vs predicted tier ≥ HIGH. */
    public record Binary(int truePositives, int falsePositives, int falseNegatives) {
        public double recall() {
            return truePositives + falseNegatives == 0 ? 0 : (double) truePositives / (truePositives + falseNegatives);
        }

        public double precision() {
            return truePositives + falsePositives == 0 ? 0 : (double) truePositives / (truePositives + falsePositives);
        }

        Binary plus(boolean gold, boolean predicted) {
            return new Binary(truePositives + (gold && predicted ? 1 : 0), falsePositives + (!gold && predicted ? 1 : 0),
                    falseNegatives + (gold && !predicted ? 1 : 0));
        }
    }

    public double hardNegativeRate() {
        return hardNegatives == 0 ? 0 : (double) hardNegativesFlagged / hardNegatives;
    }

    public double languageAccuracy() {
        return languageTotal == 0 ? 0 : (double) languageRight / languageTotal;
    }

    /** True when the directory has every held-out file this evaluation needs. */
    public static boolean hasTestSets(Path dir) {
        return Files.exists(dir.resolve(Corpus.INTENT_TEST)) && Files.exists(dir.resolve(Corpus.RISK_TEST))
                && Files.exists(dir.resolve(Corpus.HARD_NEGATIVES));
    }

    public static LanguageEvaluation evaluate(OpenNlpClassifier classifier, KeywordClassifier lexicon, Path dir) {
        String lang = dir.getFileName().toString();
        List<String> intentLabels = Arrays.stream(Intent.values()).map(Intent::label).toList();
        Confusion intent = new Confusion(intentLabels);
        List<Corpus.Example> intentTest = Corpus.read(dir.resolve(Corpus.INTENT_TEST), Corpus::isIntentLabel);
        double[] cuts = {0.3, 0.4, 0.45, 0.5, 0.6, 0.7};
        int[] above = new int[cuts.length];
        int[] rightAbove = new int[cuts.length];
        int languageTotal = 0;
        int languageRight = 0;
        for (Corpus.Example e : intentTest) {
            var p = classifier.intentClassifier().predict(e.text(), lang);
            intent.add(e.label(), p.intent().label());
            for (int i = 0; i < cuts.length; i++) {
                if (p.confidence() >= cuts[i]) {
                    above[i]++;
                    rightAbove[i] += p.intent().label().equals(e.label()) ? 1 : 0;
                }
            }
        }
        List<double[]> thresholds = new ArrayList<>();
        for (int i = 0; i < cuts.length; i++) {
            thresholds.add(new double[] {cuts[i], (double) above[i] / intentTest.size(),
                    above[i] == 0 ? 0 : (double) rightAbove[i] / above[i]});
        }
        Confusion risk = new Confusion(List.of("none", "low", "high", "imminent"));
        Binary combined = new Binary(0, 0, 0);
        Binary model = new Binary(0, 0, 0);
        Binary phrases = new Binary(0, 0, 0);
        List<Corpus.Example> riskTest = Corpus.read(dir.resolve(Corpus.RISK_TEST), Corpus::isRiskLabel);
        for (Corpus.Example e : riskTest) {
            // through the whole pipeline, with the contact's known language set to the corpus language
            Classification c = classifier.classify(e.text(), lang);
            RiskTier tier = classifier.riskAssessor().assess(e.text(), lang).tier();
            risk.add(e.label(), tier.name().toLowerCase(Locale.ROOT));
            boolean gold = e.label().equals("high") || e.label().equals("imminent");
            combined = combined.plus(gold, tier.atLeast(RiskTier.HIGH));
            model = model.plus(gold, classifier.riskAssessor().modelTier(e.text(), lang).atLeast(RiskTier.HIGH));
            phrases = phrases.plus(gold, lexicon.assess(e.text(), lang).tier().atLeast(RiskTier.HIGH));
            languageTotal++;
            languageRight += c.language().equals(lang) ? 1 : 0;
        }
        for (Corpus.Example e : intentTest) {
            languageTotal++;
            languageRight += classifier.classify(e.text(), lang).language().equals(lang) ? 1 : 0;
        }
        List<Corpus.Example> hard = Corpus.read(dir.resolve(Corpus.HARD_NEGATIVES),
                l -> l.equals("none") || l.equals("low"));
        List<String> flagged = new ArrayList<>();
        for (Corpus.Example e : hard) {
            if (classifier.riskAssessor().assess(e.text(), lang).tier().atLeast(RiskTier.HIGH)) {
                flagged.add(e.source());
            }
        }
        int oos = 0;
        int oosImminent = 0;
        Path oosFile = dir.resolve(Corpus.OUT_OF_SCOPE);
        List<Corpus.Example> outOfScope = new ArrayList<>();
        if (Files.exists(oosFile)) {
            outOfScope.addAll(Corpus.read(oosFile, Corpus::isRiskLabel));
        }
        // the "other" intent test messages are out of scope too
        intentTest.stream().filter(e -> e.label().equals(Intent.OTHER.label())).forEach(outOfScope::add);
        for (Corpus.Example e : outOfScope) {
            oos++;
            if (classifier.riskAssessor().assess(e.text(), lang).tier() == RiskTier.IMMINENT) {
                oosImminent++;
            }
        }
        return new LanguageEvaluation(lang, intent, risk, combined, model, phrases, hard.size(), flagged.size(),
                flagged, oos, oosImminent, languageTotal, languageRight, thresholds);
    }

    public String summaryLine() {
        return String.format(Locale.ROOT, "[%s] intent macro-F1 %.3f (acc %.3f) | risk HIGH+ recall %.3f precision %.3f"
                        + " (model alone %.3f/%.3f, lexicon alone %.3f/%.3f) | hard negatives flagged %d/%d (%.1f%%)"
                        + " | out-of-scope IMMINENT %d/%d | language detection %.3f",
                language, intent.macroF1(), intent.accuracy(), combined.recall(), combined.precision(),
                modelOnly.recall(), modelOnly.precision(), lexiconOnly.recall(), lexiconOnly.precision(),
                hardNegativesFlagged, hardNegatives, 100 * hardNegativeRate(), outOfScopeImminent, outOfScope,
                languageAccuracy());
    }
}
