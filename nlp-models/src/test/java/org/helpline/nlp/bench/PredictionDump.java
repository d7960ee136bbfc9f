package org.helpline.nlp.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.helpline.nlp.Classification;
import org.helpline.nlp.IntentPrediction;
import org.helpline.nlp.OpenNlpClassifier;
import org.helpline.nlp.RiskAssessment;

/**
 * Every prediction the shipped classifier makes on every line of every corpus file (train and test, every language),
 * one line each, for diffing before and after a change that must not change any prediction (a speed-up):
 * {@code classify} with the file's language as the known language, then intent and risk alone, the risk model's
 * tier alone, and the exact double of every confidence. Not a test: its output is large and stays out of the repo.
 * <pre>java -cp "$NLP_CP" org.helpline.nlp.bench.PredictionDump nlp-models/corpora &gt; /tmp/predictions.txt</pre>
 */
public final class PredictionDump {
    private PredictionDump() {
    }

    public static void main(String[] args) throws IOException {
        OpenNlpClassifier classifier = OpenNlpClassifier.loadDefault();
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of(args[0]))) {
            files = walk.filter(p -> p.toString().endsWith(".tsv")).sorted().toList();
        }
        for (Path file : files) {
            String lang = file.getParent().getFileName().toString();
            int number = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                String text = tab < 0 ? line : line.substring(tab + 1);
                String where = file.getParent().getFileName() + "/" + file.getFileName() + ":" + number;
                out.println(where + " classify(" + lang + ") " + describe(classifier.classify(text, lang)));
                out.println(where + " classify(null) " + describe(classifier.classify(text, null)));
                IntentPrediction intent = classifier.intentClassifier().predict(text, lang);
                out.println(where + " intent " + intent.intent() + " " + intent.confidence());
                out.println(where + " risk " + describe(classifier.riskAssessor().assess(text, lang)));
                out.println(where + " modelTier " + classifier.riskAssessor().modelTier(text, lang));
            }
        }
        for (String text : ClassifyBenchmark.MESSAGES) {
            out.println("bench classify(en) " + describe(classifier.classify(text, "en")));
        }
        out.flush();
    }

    private static String describe(Classification c) {
        return c.language() + " " + c.intent() + " " + String.format(Locale.ROOT, "%.6f", c.intentConfidence()) + " "
                + c.intentConfidence() + " " + describe(c.risk());
    }

    private static String describe(RiskAssessment r) {
        return r.tier() + " thirdParty=" + r.aboutThirdParty() + " " + r.reasons();
    }
}
