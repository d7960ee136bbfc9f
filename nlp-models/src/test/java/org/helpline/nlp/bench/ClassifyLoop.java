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
 * Prints messages per wall second and per CPU second of the classifying thread (steadier on a busy machine).
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
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int warm = 0; warm < 20; warm++) {
            for (String[] m : messages) {
                sink = classifier.classify(m[0], m[1]);
                sink = classifier.intentClassifier().predict(m[0], m[1]);
                sink = classifier.riskAssessor().assess(m[0], m[1]);
            }
        }
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long count = 0;
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
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
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        // on a shared machine the thread's CPU time is the steadier figure: wall time counts the time others ran
        System.out.printf(Locale.ROOT, "%s: %d messages in %.1f s wall (%.0f messages/s), %.1f s CPU (%.0f messages "
                + "per CPU second, %.1f µs each)%n", bare ? "bare" : "full", count, wall, count / wall, cpu, count / cpu,
                cpu * 1e6 / count);
    }
}
