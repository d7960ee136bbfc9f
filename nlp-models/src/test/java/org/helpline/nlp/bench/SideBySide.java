package org.helpline.nlp.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.helpline.nlp.Intent;
import org.helpline.nlp.OpenNlpClassifier;
import org.helpline.nlp.RiskTier;
import org.helpline.nlp.train.Confusion;
import org.helpline.nlp.train.Corpus;

/**
 * Our side of the nlp.js comparison, computed exactly like nlp-models/bench/nlpjs/compare.js: intent macro-F1 on
 * intent-test, HIGH+ recall on risk-test (model alone and the shipped model + lexicon), messages/s of one thread over
 * both test sets (after a warm-up pass). Prints one line of JSON per language.
 */
public final class SideBySide {
    private SideBySide() {
    }

    public static void main(String[] args) {
        Path corpora = Path.of(args[0]);
        OpenNlpClassifier classifier = OpenNlpClassifier.loadDefault();
        for (Path dir : Corpus.languageDirectories(corpora)) {
            String lang = dir.getFileName().toString();
            if (!classifier.languages().contains(lang)) {
                continue;
            }
            List<Corpus.Example> intents = Corpus.read(dir.resolve(Corpus.INTENT_TEST), Corpus::isIntentLabel);
            List<Corpus.Example> risks = Corpus.read(dir.resolve(Corpus.RISK_TEST), Corpus::isRiskLabel);
            Confusion confusion = new Confusion(Arrays.stream(Intent.values()).map(Intent::label).toList());
            for (Corpus.Example e : intents) {
                confusion.add(e.label(), classifier.intentClassifier().predict(e.text(), lang).intent().label());
            }
            int gold = 0;
            int model = 0;
            int shipped = 0;
            for (Corpus.Example e : risks) {
                if (e.label().equals("high") || e.label().equals("imminent")) {
                    gold++;
                    model += classifier.riskAssessor().modelTier(e.text(), lang).atLeast(RiskTier.HIGH) ? 1 : 0;
                    shipped += classifier.riskAssessor().assess(e.text(), lang).tier().atLeast(RiskTier.HIGH) ? 1 : 0;
                }
            }
            // throughput: the full call (language + intent + risk) over every test message, one thread
            for (int warm = 0; warm < 20; warm++) {
                intents.forEach(e -> classifier.classify(e.text(), lang));
            }
            int rounds = 20;
            long start = System.nanoTime();
            for (int r = 0; r < rounds; r++) {
                for (Corpus.Example e : intents) {
                    classifier.classify(e.text(), lang);
                }
                for (Corpus.Example e : risks) {
                    classifier.classify(e.text(), lang);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double perSecond = rounds * (intents.size() + risks.size()) / seconds;
            // like for like with nlp.js's two bare classifiers: intent, then risk (model + lexicon + reasons), no
            // language detection, each doing its own normalisation as nlp.js's two managers do
            for (int warm = 0; warm < 20; warm++) {
                intents.forEach(e -> intentAndRisk(classifier, e.text(), lang));
            }
            start = System.nanoTime();
            for (int r = 0; r < rounds; r++) {
                for (Corpus.Example e : intents) {
                    intentAndRisk(classifier, e.text(), lang);
                }
                for (Corpus.Example e : risks) {
                    intentAndRisk(classifier, e.text(), lang);
                }
            }
            double bareSeconds = (System.nanoTime() - start) / 1e9;
            double barePerSecond = rounds * (intents.size() + risks.size()) / bareSeconds;
            System.out.printf(Locale.ROOT, "{\"system\":\"opennlp\",\"language\":\"%s\",\"intentMacroF1\":%.3f,"
                            + "\"riskRecallModel\":%.3f,\"riskRecallShipped\":%.3f,\"messagesPerSecond\":%.0f,"
                            + "\"intentAndRiskPerSecond\":%.0f}%n",
                    lang, confusion.macroF1(), (double) model / gold, (double) shipped / gold, perSecond,
                    barePerSecond);
        }
    }

    private static Object sink;

    private static void intentAndRisk(OpenNlpClassifier classifier, String text, String lang) {
        sink = classifier.intentClassifier().predict(text, lang);
        sink = classifier.riskAssessor().assess(text, lang);
    }
}
