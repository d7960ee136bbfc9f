package org.helpline.nlp.features;

import java.util.Arrays;
import java.util.Set;

/**
 * The real-text risk model's features: word unigrams, word bigrams and character 3- to 5-grams of each word (with
 * its boundaries, so "kms" and "kms!" share "<km"), hashed into {@link #BUCKETS} buckets, each present bucket
 * counted once and the whole vector scaled to unit length. Unit length is what lets one model score a two-word
 * SMS and a 2,000-character post on the same scale; character n-grams are what carry misspellings ("suicde",
 * "kil myself") to the words they resemble. Hashing keeps the model a fixed size whatever the vocabulary.
 *
 * <p>Computed from the characters directly (no String per feature): the same arithmetic serves training and
 * serving, so they cannot drift. Thread-safe (no state).
 */
public final class HashedFeatures {
    public static final int BITS = 20;
    public static final int BUCKETS = 1 << BITS;
    private static final int MASK = BUCKETS - 1;
    /** Recorded in the model manifest: a model trained with other features must not be served with these. */
    /**
     * Experiment switch ({@code nlp.real.fp}, off): also a feature per death or ending word that follows a
     * first-person word within {@link #SELF_WINDOW} words ("i ... die", "me ... kill"), and one for any such pair.
     * Measured on dev (2026-12-02, with the crisis fragments) and not kept: SDCNL titles 64.2% → 66.7% and short
     * r/SuicideWatch posts 87.2% → 89.0%, but r/SuicideWatch 84.8% → 84.0% and suicidal tweets 86.5% → 85.6%, Spanish
     * no better at the same false alarms: within noise, for a second feature version.
     */
    static final boolean SELF_DEATH = Boolean.parseBoolean(System.getProperty("nlp.real.fp", "false"));
    static final int SELF_WINDOW = 5;
    public static final String DESCRIPTION = SELF_DEATH
            ? "hashed-v2: words, word bigrams, char 3-5-grams of <word>, first person + death/ending word within "
                    + SELF_WINDOW + " words, " + BITS + " bits, binary, L2-normalised"
            : "hashed-v1: words, word bigrams, char 3-5-grams of <word>, " + BITS + " bits, binary, L2-normalised";
    private static final long SELF = 0x2545F4914F6CDD1DL;
    private static final Set<String> FIRST_PERSON = Set.of("i", "i'm", "im", "me", "my",
            "myself", "i'll", "i've", "i'd", "yo", "mi", "mis", "estoy", "quiero", "voy");
    /** Death and ending words (normalised forms), English and Spanish. */
    private static final Set<String> ENDING = Set.of("die", "died", "dying", "dead", "death",
            "kill", "killing", "suicide", "suicidal", "end", "ending", "live", "living", "alive", "exist", "existing",
            "overdose", "hang", "gone", "disappear", "goodbye", "pills", "rope", "jump", "cut", "cutting",
            "morir", "morirme", "muera", "muerte", "muerto", "muerta", "matarme", "suicidarme", "suicidio", "vivir",
            "desaparecer", "acabar", "pastillas", "cortarme");

    private static final long WORD = 0x9E3779B97F4A7C15L;
    private static final long BIGRAM = 0xC2B2AE3D27D4EB4FL;
    private static final long CHARS = 0x165667B19E3779F9L;

    private HashedFeatures() {
    }

    /** A message's features: distinct bucket ids, ascending, and the value every one of them has (1/√n). */
    public record Vector(int[] buckets, float value) {
        public static final Vector EMPTY = new Vector(new int[0], 0f);
    }

    /** The features of a message's tokens ({@code TextNormaliser.normalisedTokens}). */
    public static Vector of(String[] tokens) {
        int[] out = new int[Math.max(16, tokens.length * 14)];
        int n = 0;
        long previous = 0;
        boolean hasPrevious = false;
        for (String t : tokens) {
            if (t.isEmpty()) {
                continue;
            }
            long word = hash(WORD, t, 0, t.length());
            if (n + 2 + 3 * (t.length() + 2) > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, n + 3 * (t.length() + 2) + 2));
            }
            out[n++] = bucket(word);
            if (hasPrevious) {
                out[n++] = bucket(mix(previous * 31 + word + BIGRAM));
            }
            previous = word;
            hasPrevious = true;
            char first = t.charAt(0);
            if (first == '?' || first == '!') {
                continue;
            }
            // character n-grams of "<" + t + ">", n = 3..5, without building the string
            int len = t.length() + 2;
            for (int i = 0; i < len; i++) {
                long h = CHARS;
                for (int k = 0; k < 5 && i + k < len; k++) {
                    int j = i + k;
                    char c = j == 0 ? '<' : j == len - 1 ? '>' : t.charAt(j - 1);
                    h = (h ^ c) * 0x100000001B3L;
                    if (k >= 2) {
                        out[n++] = bucket(mix(h + k));
                    }
                }
            }
        }
        if (SELF_DEATH) {
            int lastSelf = -1000;
            int w = 0;
            boolean any = false;
            for (String t : tokens) {
                if (t.isEmpty()) {
                    continue;
                }
                if (FIRST_PERSON.contains(t)) {
                    lastSelf = w;
                } else if (w - lastSelf <= SELF_WINDOW && ENDING.contains(t)) {
                    if (n + 2 > out.length) {
                        out = Arrays.copyOf(out, out.length * 2);
                    }
                    out[n++] = bucket(hash(SELF, t, 0, t.length()));
                    any = true;
                }
                w++;
            }
            if (any) {
                if (n + 1 > out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                out[n++] = bucket(mix(SELF));
            }
        }
        if (n == 0) {
            return Vector.EMPTY;
        }
        int[] sorted = Arrays.copyOf(out, n);
        Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[distinct++] = sorted[i];
            }
        }
        return new Vector(Arrays.copyOf(sorted, distinct), (float) (1.0 / Math.sqrt(distinct)));
    }

    private static long hash(long seed, String s, int from, int to) {
        long h = seed;
        for (int i = from; i < to; i++) {
            h = (h ^ s.charAt(i)) * 0x100000001B3L;
        }
        return mix(h);
    }

    /** MurmurHash3's 64-bit finaliser: every input bit reaches the bucket bits. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }

    private static int bucket(long h) {
        return (int) (h & MASK);
    }
}
