import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.helpline.nlp.OpenNlpClassifier;

/**
 * Why messages that never reach the sentence encoder got slower in the JMH mix once one message of twelve did:
 * classify's median per message over the benchmark's twelve messages, in one of three modes.
 * <ul>
 *   <li>{@code mix}: the JMH mix as it is (one borderline message, which the encoder reads);</li>
 *   <li>{@code without}: the same mix without that message (nothing is embedded);</li>
 *   <li>{@code sweep}: without it, but reading 32 MB of memory where it was (the encoder's model is 23 MB).</li>
 * </ul>
 * If {@code sweep} is as slow as {@code mix}, the cost is the caches the encoder empties, not our code.
 */
public final class Sweep {
    static final List<String> MIX = List.of(
            "hi",
            "can i talk to someone please",
            "people in my class keep posting mean stuff about me in the group chat and i dont know what to do",
            "i have the pills here and im doing it tonight",
            "my friend says she wants to die",
            "he said he will send my pics to everyone unless i pay 😭",
            "this game is killing me lol 💀",
            "someone hacked my insta and changed my password",
            "my stepdad hits me when mum is at work",
            "thanks for listening bye",
            "how do i make my tiktok private",
            "im not going to kill myself i just feel really low today");
    static final int BORDERLINE = 2;

    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "mix";
        OpenNlpClassifier classifier = OpenNlpClassifier.loadDefault();
        List<String> messages = new ArrayList<>(MIX);
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
