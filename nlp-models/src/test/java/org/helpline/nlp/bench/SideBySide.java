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
 * both test sets (whole passes for {@value #TIMED_SECONDS} s after {@value #WARM_SECONDS} s of warm-up, as
 * compare.js). Prints one line of JSON per language.
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
            List<String> all = new java.util.ArrayList<>();
            intents.forEach(e -> all.add(e.text()));
            risks.forEach(e -> all.add(e.text()));
            // throughput: the full call (language + intent + risk) over every test message, one thread
            double perSecond = perSecond(all, text -> sink = classifier.classify(text, lang));
            // like for like with nlp.js's two bare classifiers: intent, then risk (model + lexicon + reasons), no
            // language detection, each doing its own normalisation as nlp.js's two managers do
            double barePerSecond = perSecond(all, text -> intentAndRisk(classifier, text, lang));
            System.out.printf(Locale.ROOT, "{\"system\":\"opennlp\",\"language\":\"%s\",\"intentMacroF1\":%.3f,"
                            + "\"riskRecallModel\":%.3f,\"riskRecallShipped\":%.3f,\"messagesPerSecond\":%.0f,"
                            + "\"intentAndRiskPerSecond\":%.0f}%n",
                    lang, confusion.macroF1(), (double) model / gold, (double) shipped / gold, perSecond,
                    barePerSecond);
        }
    }

    private static Object sink;

    /** Seconds of whole passes run before timing (JIT warm-up), then timed; compare.js does the same. */
    static final double WARM_SECONDS = 2;
    static final double TIMED_SECONDS = 3;

    /** Messages per second of whole passes over the messages, timed for TIMED_SECONDS after WARM_SECONDS. */
    private static double perSecond(List<String> messages, java.util.function.Consumer<String> call) {
        long warmEnd = System.nanoTime() + (long) (WARM_SECONDS * 1e9);
        while (System.nanoTime() < warmEnd) {
            messages.forEach(call);
        }
        long start = System.nanoTime();
        long end = start + (long) (TIMED_SECONDS * 1e9);
        long count = 0;
        while (System.nanoTime() < end) {
            messages.forEach(call);
            count += messages.size();
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static void intentAndRisk(OpenNlpClassifier classifier, String text, String lang) {
        sink = classifier.intentClassifier().predict(text, lang);
        sink = classifier.riskAssessor().assess(text, lang);
    }
}
