package org.helpline.nlp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import opennlp.tools.ml.model.Context;

/**
 * A maxent model's predicates (feature name to its parameters per outcome), looked up straight from characters and
 * laid out flat: no String is built for a feature that is looked up once and forgotten, and a lookup touches a few
 * arrays instead of chasing a key String, a {@link Context} and its two arrays across the heap.
 *
 * <p>Why not the model's own map: OpenNLP keeps it in a {@code HashMap<String, Context>}, and our features are short
 * strings of few distinct letters ("c=kil", "b=i_am"; langdetect's "ab", "a b") whose {@code String.hashCode}
 * values crowd together: many buckets hold eight or more keys and become red-black trees, and those lookups were a
 * quarter of the classify time. Here: open addressing with a well-mixed hash, the full hash kept beside each slot so
 * an unknown feature (most character n-grams) is rejected without comparing characters.
 *
 * <p>{@link #add} adds a predicate's parameters to the outcome sums in the Context's own order, so sums are the very
 * doubles OpenNLP's eval computes. Immutable after construction, so thread-safe.
 */
final class PredicateTable {
    /** Per slot: the full hash, then 1 + the predicate's id (0 = empty slot). */
    private final int[] slots;
    private final int mask;
    /** Predicate {@code id}'s name is {@code names[nameStart[id] .. nameStart[id + 1])}. */
    private final char[] names;
    private final int[] nameStart;
    /**
     * Predicate {@code id}'s parameters: {@code outcomes[k]}, {@code parameters[k]} for k in paramStart[id]..; when
     * every predicate has a parameter for every outcome in order (our doccat models), outcomes is null and
     * {@code parameters[k]} belongs to outcome {@code k - paramStart[id]}.
     */
    private final int[] outcomes;
    private final double[] parameters;
    private final int[] paramStart;

    PredicateTable(Map<String, Context> predicates) {
        int n = predicates.size();
        int capacity = Integer.highestOneBit(Math.max(4, n * 2) - 1) << 1;
        slots = new int[capacity * 2];
        mask = capacity - 1;
        nameStart = new int[n + 1];
        paramStart = new int[n + 1];
        int chars = 0;
        int params = 0;
        for (Map.Entry<String, Context> e : predicates.entrySet()) {
            chars += e.getKey().length();
            params += e.getValue().getOutcomes().length;
        }
        names = new char[chars];
        int outcomeCount = predicates.values().stream().mapToInt(c -> c.getOutcomes().length).max().orElse(0);
        boolean dense = predicates.values().stream().allMatch(c -> isIdentity(c.getOutcomes(), outcomeCount));
        outcomes = dense ? null : new int[params];
        parameters = new double[params];
        int id = 0;
        for (Map.Entry<String, Context> e : predicates.entrySet()) {
            String name = e.getKey();
            name.getChars(0, name.length(), names, nameStart[id]);
            nameStart[id + 1] = nameStart[id] + name.length();
            int[] o = e.getValue().getOutcomes();
            double[] p = e.getValue().getParameters();
            if (!dense) {
                System.arraycopy(o, 0, outcomes, paramStart[id], o.length);
            }
            System.arraycopy(p, 0, parameters, paramStart[id], o.length);
            paramStart[id + 1] = paramStart[id] + o.length;
            int h = hash(names, nameStart[id], name.length());
            int i = h & mask;
            while (slots[2 * i + 1] != 0) {
                i = (i + 1) & mask;
            }
            slots[2 * i] = h;
            slots[2 * i + 1] = id + 1;
            id++;
        }
    }

    /** A table of names only (no parameters), to find their ids. */
    static PredicateTable ofNames(List<String> names) {
        Map<String, Context> empty = new LinkedHashMap<>();
        for (String name : names) {
            empty.put(name, new Context(new int[0], new double[0]));
        }
        return new PredicateTable(empty);
    }

    private static boolean isIdentity(int[] outcomes, int count) {
        if (outcomes.length != count) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (outcomes[i] != i) {
                return false;
            }
        }
        return true;
    }

    int find(String name) {
        return find(name.toCharArray(), 0, name.length());
    }

    /** The id of the predicate {@code chars[from .. from + length)}, or -1 when the model does not know it. */
    int find(char[] chars, int from, int length) {
        int h = hash(chars, from, length);
        int i = h & mask;
        int id;
        while ((id = slots[2 * i + 1]) != 0) {
            if (slots[2 * i] == h) {
                if (sameName(id - 1, chars, from, length)) {
                    return id - 1;
                }
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    /** A plain loop: our names are a few characters, too short for Arrays.equals' vectorised mismatch to pay. */
    private boolean sameName(int id, char[] chars, int from, int length) {
        int start = nameStart[id];
        if (nameStart[id + 1] - start != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (names[start + i] != chars[from + i]) {
                return false;
            }
        }
        return true;
    }

    /** Adds predicate {@code id}'s parameters to {@code sums}, as OpenNLP's eval does (value 1). */
    void add(int id, double[] sums) {
        int start = paramStart[id];
        int end = paramStart[id + 1];
        if (outcomes == null) {
            for (int k = start; k < end; k++) {
                sums[k - start] += parameters[k];
            }
        } else {
            for (int k = start; k < end; k++) {
                sums[outcomes[k]] += parameters[k];
            }
        }
    }

    private static int hash(char[] chars, int from, int length) {
        int h = 0x811C9DC5;
        for (int i = from, end = from + length; i < end; i++) {
            h = (h ^ chars[i]) * 0x01000193; // FNV-1a
        }
        h ^= h >>> 16; // final avalanche (murmur3's fmix32)
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }
}
