package org.helpline.nlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.helpline.nlp.KeywordClassifier;
import org.helpline.nlp.OpenNlpClassifier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The hand-written held-out sets of every language, second to the real held-out text (RealDataRegressionTest):
 * HIGH+IMMINENT recall ≥ 0.93 and precision ≥ 0.80 in English, recall ≥ 0.92 in every other language, hard
 * negatives flagged HIGH+ no more than {@link #HARD_NEGATIVE_TARGET} (of one language) or 16% (others), out-of-scope
 * never IMMINENT, intent macro-F1 ≥ 0.85. The recall and hard-negative figures were 1.00 and ≤ 5% while one author's
 * model judged one author's tests; the real-text model's thresholds are chosen on real text, and these figures are
 * what they give here (docs/nlp-evaluation.md): a floor against regressions, not a goal. A shipped language without a
 * corpus yet is reported as skipped, never silently.
 */
class HeldOutEvaluationTest {
    /** English hard negatives flagged HIGH+: what the real-text model's thresholds give, with a few points to spare. */
    static final double HARD_NEGATIVE_TARGET = 0.22;

    private static OpenNlpClassifier classifier;
    private static KeywordClassifier lexicon;

    @BeforeAll
    static void load() {
        classifier = OpenNlpClassifier.loadDefault();
        lexicon = new KeywordClassifier();
    }

    @TestFactory
    List<DynamicTest> everyLanguageMeetsTheIssueFigures() {
        Path corpora = Corpus.locate();
        Set<String> languages = new LinkedHashSet<>(KeywordClassifier.LEXICON_LANGUAGES);
        Corpus.languageDirectories(corpora).forEach(d -> languages.add(d.getFileName().toString()));
        List<DynamicTest> tests = new ArrayList<>();
        for (String lang : languages) {
            Path dir = corpora.resolve(lang);
            if (!Files.isDirectory(dir) || !LanguageEvaluation.hasTestSets(dir)) {
                tests.add(dynamicTest(lang + ": no corpus", () -> {
                    String why = "SKIPPED " + lang + ": " + dir + " has no test sets yet";
                    System.out.println("[HeldOutEvaluationTest] " + why);
                    Assumptions.abort(why);
                }));
                continue;
            }
            tests.add(dynamicTest(lang + ": held-out figures", () -> check(dir, lang)));
        }
        return tests;
    }

    private static void check(Path dir, String lang) {
        assertTrue(classifier.languages().contains(lang), lang + " has a corpus but no trained model");
        LanguageEvaluation e = LanguageEvaluation.evaluate(classifier, lexicon, dir);
        System.out.println("[HeldOutEvaluationTest] " + e.summaryLine());
        double minRecall = lang.equals("en") ? 0.93 : 0.92;
        assertTrue(e.combined().recall() >= minRecall,
                String.format(Locale.ROOT, "%s HIGH+ recall %.3f < %.2f", lang, e.combined().recall(), minRecall));
        if (lang.equals("en")) {
            assertTrue(e.combined().precision() >= 0.80,
                    String.format(Locale.ROOT, "en HIGH+ precision %.3f < 0.80", e.combined().precision()));
        }
        assertTrue(e.intent().macroF1() >= 0.85,
                String.format(Locale.ROOT, "%s intent macro-F1 %.3f < 0.85", lang, e.intent().macroF1()));
        assertEquals(0, e.outOfScopeImminent(), lang + ": out-of-scope messages assessed IMMINENT");
        double hardTarget = lang.equals("en") ? HARD_NEGATIVE_TARGET : 0.16;
        assertTrue(e.hardNegativeRate() <= hardTarget, String.format(Locale.ROOT,
                "%s hard negatives flagged HIGH+ %.1f%% > %.0f%% (%d/%d: %s)", lang, 100 * e.hardNegativeRate(),
                100 * hardTarget, e.hardNegativesFlagged(), e.hardNegatives(),
                e.hardNegativesFlaggedSources()));
    }
}
