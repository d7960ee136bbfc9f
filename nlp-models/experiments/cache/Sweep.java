package org.helpline.nlp.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.helpline.nlp.OpenNlpClassifier;

/**
 * Why messages that never reach the sentence encoder got slower in the JMH mix once one message of twelve did:
 * classify's median per message over {@link ClassifyBenchmark}'s twelve messages (its own list), in one of three
 * modes.
 * <ul>
 *   <li>{@code mix}: the JMH mix as it is (one borderline message, which the encoder reads);</li>
 *   <li>{@code without}: the same mix without that message (nothing is embedded);</li>
 *   <li>{@code sweep}: without it, but reading 32 MB of memory where it was (the encoder's model is 23 MB).</li>
 * </ul>
 * If {@code sweep} is as slow as {@code mix}, the cost is the caches the encoder empties, not our code.
 */
public final class Sweep {
    /** The JMH mix's one message the encoder reads (it is among the benchmark's borderline messages). */
    static final int BORDERLINE = indexOfBorderline();

    private static int indexOfBorderline() {
        for (int i = 0; i < ClassifyBenchmark.MESSAGES.size(); i++) {
            if (ClassifyBenchmark.BORDERLINE_MESSAGES.contains(ClassifyBenchmark.MESSAGES.get(i))) {
                return i;
            }
        }
        throw new IllegalStateException("the benchmark's mix has no borderline message");
    }

    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "mix";
        OpenNlpClassifier classifier = OpenNlpClassifier.loadDefault();
        List<String> messages = new ArrayList<>(ClassifyBenchmark.MESSAGES);
        if (!mode.equals("mix")) {
            messages.remove(BORDERLINE);
        }
        long[] memory = new long[4_000_000];
        long sink = 0;
        int rounds = 8000;
        long[][] nanos = new long[messages.size()][rounds];
        for (int pass = 0; pass < 3; pass++) { // the first two warm the JIT
            for (int r = 0; r < rounds; r++) {
                if (mode.equals("sweep")) {
                    for (int j = 0; j < memory.length; j += 8) { // one long per 64-byte line
                        sink += memory[j];
                    }
                }
                for (int m = 0; m < messages.size(); m++) {
                    long start = System.nanoTime();
                    classifier.classify(messages.get(m), "en");
                    nanos[m][r] = System.nanoTime() - start;
                }
            }
        }
        List<Long> notEmbedded = new ArrayList<>();
        for (int m = 0; m < messages.size(); m++) {
            long[] sorted = nanos[m].clone();
            Arrays.sort(sorted);
            System.out.printf("%9.1f µs  %s%n", sorted[rounds / 2] / 1000.0, messages.get(m));
            if (!(mode.equals("mix") && m == BORDERLINE)) {
                for (long n : nanos[m]) {
                    notEmbedded.add(n);
                }
            }
        }
        long[] sorted = notEmbedded.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("mode %s: median of the messages not embedded %.1f µs (%d)%n", mode,
                sorted[sorted.length / 2] / 1000.0, sink);
    }
}
