package org.helpline.nlp.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import org.helpline.nlp.OpenNlpRiskAssessor;
import org.helpline.nlp.TextNormaliser;

/**
 * k-fold cross-validation on the TRAINING sets only (never the test sets), used to choose the model configuration
 * (feature generators, algorithm, thresholds) without looking at the held-out data. Model only, no lexicon.
 * <pre>java [-Dnlp.features=bow,bigram,char,neg] [-Dnlp.algorithm=MAXENT] org.helpline.nlp.train.CrossValidation CORPORA_DIR [k]</pre>
 */
public final class CrossValidation {
    private CrossValidation() {
    }

    public static void main(String[] args) throws IOException {
        Path corpora = Path.of(args[0]);
        int k = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        for (Path dir : Corpus.languageDirectories(corpora)) {
            if (!Files.exists(dir.resolve(Corpus.INTENT_TRAIN))) {
                continue;
            }
            String lang = dir.getFileName().toString();
            List<Corpus.Example> intents = Corpus.read(dir.resolve(Corpus.INTENT_TRAIN), Corpus::isIntentLabel);
            List<Corpus.Example> risks = Corpus.read(dir.resolve(Corpus.RISK_TRAIN), Corpus::isRiskLabel);
            Confusion intent = new Confusion(intents.stream().map(Corpus.Example::label).distinct().sorted().toList());
            int tp = 0;
            int fp = 0;
            int fn = 0;
            List<double[]> outOfFold = new ArrayList<>(); // {P(high)+P(imminent), gold 1/0}
            for (int fold = 0; fold < k; fold++) {
                DoccatModel im = Trainer.train(lang, split(intents, k, fold, false));
                DocumentCategorizerME ic = new DocumentCategorizerME(im);
                for (Corpus.Example e : split(intents, k, fold, true)) {
                    double[] p = ic.categorize(TextNormaliser.normalisedTokens(e.text()));
                    intent.add(e.label(), ic.getBestCategory(p));
                }
                DoccatModel rm = Trainer.train(lang, split(risks, k, fold, false));
                DocumentCategorizerME rc = new DocumentCategorizerME(rm);
                for (Corpus.Example e : split(risks, k, fold, true)) {
                    double[] p = rc.categorize(TextNormaliser.normalisedTokens(e.text()));
                    double highPlus = p[rc.getIndex("high")] + p[rc.getIndex("imminent")];
                    boolean predicted = highPlus >= OpenNlpRiskAssessor.HIGH_THRESHOLD;
                    boolean gold = e.label().equals("high") || e.label().equals("imminent");
                    outOfFold.add(new double[] {highPlus, gold ? 1 : 0});
                    if (gold != predicted && Boolean.getBoolean("nlp.cv.errors")) {
                        System.out.println("[cv] " + (gold ? "missed " : "false alarm ") + e.source());
                    }
                    tp += gold && predicted ? 1 : 0;
                    fp += !gold && predicted ? 1 : 0;
                    fn += gold && !predicted ? 1 : 0;
                }
            }
            System.out.printf(Locale.ROOT, "[cv %s k=%d features=%s algorithm=%s] intent macro-F1 %.3f | risk model "
                            + "HIGH+ recall %.3f precision %.3f%n", lang, k,
                    System.getProperty("nlp.features", "bow,bigram,char,neg,shape"),
                    System.getProperty("nlp.algorithm", Trainer.CONVERGED_QN), intent.macroF1(),
                    (double) tp / (tp + fn), (double) tp / Math.max(1, tp + fp));
            for (double t : new double[] {0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6}) {
                int a = 0;
                int b = 0;
                int c = 0;
                for (double[] o : outOfFold) {
                    boolean predicted = o[0] >= t;
                    a += o[1] == 1 && predicted ? 1 : 0;
                    b += o[1] == 0 && predicted ? 1 : 0;
                    c += o[1] == 1 && !predicted ? 1 : 0;
                }
                System.out.printf(Locale.ROOT, "[cv %s]   HIGH threshold %.2f: model HIGH+ recall %.3f precision %.3f%n",
                        lang, t, (double) a / (a + c), (double) a / Math.max(1, a + b));
            }
        }
    }

    /** Deterministic interleaved folds: example i is in fold i mod k. */
    private static List<Corpus.Example> split(List<Corpus.Example> all, int k, int fold, boolean held) {
        List<Corpus.Example> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if ((i % k == fold) == held) {
                out.add(all.get(i));
            }
        }
        return out;
    }
}
