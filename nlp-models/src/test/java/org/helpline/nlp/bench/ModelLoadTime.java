package org.helpline.nlp.bench;

import java.util.Arrays;
import java.util.Locale;

import org.helpline.nlp.OpenNlpClassifier;

/**
 * Model load time: {@link OpenNlpClassifier#loadDefault()} once in a fresh JVM (what a gateway start pays), then
 * again five times (warm). Run by {@code scripts/bench-nlp}.
 */
public final class ModelLoadTime {
    private ModelLoadTime() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        OpenNlpClassifier first = OpenNlpClassifier.loadDefault();
        double cold = (System.nanoTime() - start) / 1e6;
        start = System.nanoTime();
        first.classify("first message after start", "en");
        double firstCall = (System.nanoTime() - start) / 1e6;
        double[] warm = new double[5];
        for (int i = 0; i < warm.length; i++) {
            start = System.nanoTime();
            OpenNlpClassifier.loadDefault();
            warm[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(warm);
        System.out.printf(Locale.ROOT, "model load (languages %s): cold %.0f ms (fresh JVM), first classify %.1f ms, "
                + "warm reload median %.0f ms%n", first.languages(), cold, firstCall, warm[warm.length / 2]);
    }
}
