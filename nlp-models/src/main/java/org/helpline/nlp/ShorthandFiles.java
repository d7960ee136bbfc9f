package org.helpline.nlp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The normaliser's shorthand kept in resource files, one per language ({@code normaliser/<lang>.tsv}:
 * {@code shorthand<TAB>expansion}), for the languages added after English and Spanish (whose entries are still in
 * {@link TextNormaliser}'s maps). Both sides are read in normalised form: lower case, accents dropped. A malformed
 * line or a key written twice stops the class from loading, like a malformed lexicon: the normaliser is what training
 * and serving share.
 */
public final class ShorthandFiles {
    /** The languages whose file is read, in this order; a missing file is skipped. */
    public static final List<String> LANGUAGES = List.of("fr", "pt", "sw");
    private static final String BASE = "/org/helpline/nlp/normaliser/";

    private ShorthandFiles() {
    }

    /** Every file's entries, key to expansion, in file order. */
    public static Map<String, String> load() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String language : LANGUAGES) {
            out.putAll(load(language, out));
        }
        return out;
    }

    /** One language's entries; empty when it has no file. */
    public static Map<String, String> load(String language) {
        return load(language, Map.of());
    }

    private static Map<String, String> load(String language, Map<String, String> before) {
        String name = BASE + language + ".tsv";
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = ShorthandFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                return out;
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int n = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 2 || f[0].isBlank() || f[1].isBlank()) {
                    throw new IllegalStateException(name + ":" + n + ": shorthand<TAB>expansion expected");
                }
                String key = plain(f[0]);
                if (!key.matches("[\\p{L}\\p{N}']+")) {
                    throw new IllegalStateException(name + ":" + n + ": a key is one word: '" + f[0] + "'");
                }
                if (out.containsKey(key) || before.containsKey(key)) {
                    throw new IllegalStateException(name + ":" + n + ": '" + key + "' is written twice");
                }
                out.put(key, plain(f[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
        return out;
    }

    /** Lower case, accents dropped: the form TextNormaliser's maps are looked up in. */
    static String plain(String s) {
        String lower = s.strip().toLowerCase(Locale.ROOT);
        return Normalizer.normalize(Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}+", ""),
                Normalizer.Form.NFC);
    }
}
