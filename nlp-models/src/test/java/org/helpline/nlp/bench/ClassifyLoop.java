package org.helpline.nlp.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.helpline.nlp.OpenNlpClassifier;
import org.helpline.nlp.train.Corpus;

/**
 * Classifies the test sets over and over for a while, one thread: a steady load to profile (JFR) or to time.
 * {@code full} = {@code classify}; {@code bare} = intent then risk alone, as SideBySide's like-for-like figure.
 * <pre>java -XX:StartFlightRecording=filename=/tmp/nlp.jfr,settings=profile -cp "$NLP_CP"
 *     org.helpline.nlp.bench.ClassifyLoop nlp-models/corpora 30 full</pre>
 */
public final class ClassifyLoop {
    private ClassifyLoop() {
    }

    private static Object sink;

    public static void main(String[] args) {
        Path corpora = Path.of(args[0]);
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 30;
        boolean bare = args.length > 2 && args[2].equals("bare");
        OpenNlpClassifier classifier = OpenNlpClassifier.loadDefault();
        List<String[]> messages = new ArrayList<>();
        for (Path dir : Corpus.languageDirectories(corpora)) {
            String lang = dir.getFileName().toString();
            for (String file : List.of(Corpus.INTENT_TEST, Corpus.RISK_TEST)) {
                Corpus.read(dir.resolve(file), label -> true).forEach(e -> messages.add(new String[] {e.text(), lang}));
            }
        }
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long count = 0;
        long start = System.nanoTime();
        while (System.nanoTime() < end) {
            for (String[] m : messages) {
                if (bare) {
                    sink = classifier.intentClassifier().predict(m[0], m[1]);
                    sink = classifier.riskAssessor().assess(m[0], m[1]);
                } else {
                    sink = classifier.classify(m[0], m[1]);
                }
            }
            count += messages.size();
        }
        System.out.printf(Locale.ROOT, "%s: %d messages in %.1f s, %.0f messages/s%n", bare ? "bare" : "full", count,
                (System.nanoTime() - start) / 1e9, count / ((System.nanoTime() - start) / 1e9));
    }
}
