package org.helpline.nlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TextNormaliser's hand-written scanners and "skip this regex" checks against the regexes they stand for, on every
 * corpus line (raw, lower-cased and normalised) and on awkward strings: they must never change a result.
 */
class TextNormaliserFastPathTest {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");
    private static final Pattern TOKEN_CHAR = Pattern.compile("[\\p{L}\\p{N}'?!]");
    private static final Pattern TOKEN_SPLIT = Pattern.compile("[^\\p{L}\\p{N}'?!]+");
    private static final Pattern PUNCT_TOKEN = Pattern.compile("(?<=[^?!])(?=[?!])|(?<=[?!])(?=[^?!])");
    private static final Pattern REPEATS = Pattern.compile("(\\p{L})\\1{2,}");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern DIACRITICS = Pattern.compile("\\p{M}+");
    private static final Map<String, String> SOME_WORDS = Map.of("u", "you", "kms", "kill myself", "im", "i am",
            "q", "que", "no1", "no one", "café", "coffee", "𝐤𝐦𝐬", "x");
    private static List<String> texts;

    @BeforeAll
    static void load() throws IOException {
        texts = new ArrayList<>(List.of("", " ", "'", "''", "'a'", "a''b", "ok?!", "what??? no!!!", "  two  spaces ",
                "tab\there", "line\nbreak\r\n", "\u000Bvt\f", "sooooo", "aaa", "aa", "𝐤𝐦𝐬𝐤𝐦𝐬𝐤𝐦𝐬", "😭😭😭 help",
                "café crème", "niño ñandú", "١٢٣ arabic digits", "Ⅻ roman", "½ half", "it's 'quoted' ?", "?'!'?",
                "don't!", "x\uD800y unpaired", "ǅ titlecase", "ʰ modifier", "日本語テキスト", "e\u0301 combining"));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("corpora"))) {
            files = walk.filter(p -> p.toString().endsWith(".tsv")).sorted().toList();
        }
        List<String> lines = new ArrayList<>();
        for (Path file : files) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line.substring(line.indexOf('\t') + 1));
                }
            }
        }
        for (String line : lines) {
            texts.add(line);
            texts.add(line.toLowerCase(Locale.ROOT));
            texts.add(TextNormaliser.normalise(line));
        }
    }

    @Test
    void characterClassesAreTheRegexOnes() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String s = Character.toString(cp);
            assertEquals(WORD.matcher(s).matches(), TextNormaliser.isWordChar(cp), "U+" + Integer.toHexString(cp));
            assertEquals(TOKEN_CHAR.matcher(s).matches(), TextNormaliser.isTokenChar(cp), "U+" + Integer.toHexString(cp));
        }
    }

    @Test
    void skippedRegexesWouldHaveChangedNothing() {
        for (String s : texts) {
            if (!TextNormaliser.mayRepeatLetters(s)) {
                assertEquals(s, REPEATS.matcher(s).replaceAll("$1$1"), s);
            }
            if (TextNormaliser.singleSpaced(s)) {
                assertEquals(s, SPACES.matcher(s).replaceAll(" "), s);
            }
            if (TextNormaliser.isAscii(s)) {
                assertEquals(s, Normalizer.normalize(DIACRITICS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD))
                        .replaceAll(""), Normalizer.Form.NFC), s);
            }
        }
    }

    @Test
    void skippedSpellingOutWouldHaveJoinedNothing() {
        List<String> all = new ArrayList<>(texts);
        all.addAll(List.of("k i l l", "a b c", "x k.i.l.l y", "1 k 1", "i c u", "é é é", "k\u0301 i l", "ab c d e",
                "a b c'd", "k i l l  m y s e l f", "'a b c'", "a_b_c", "a*b*c", "a-b-c-", "$ @ $", "k @ l l"));
        for (String s : all) {
            if (!TextNormaliser.maySpellOut(s)) {
                assertEquals(s, TextNormaliser.joinRuns(s), s);
            }
        }
        // every string of up to 7 characters over letters, separators, a leet digit, an apostrophe and a Latin-1 letter
        char[] alphabet = {'a', 'k', ' ', '.', '-', '1', '\'', '\u00E9'};
        int checked = 0;
        for (int length = 0; length <= 7; length++) {
            int[] digits = new int[length];
            char[] chars = new char[length];
            while (true) {
                for (int i = 0; i < length; i++) {
                    chars[i] = alphabet[digits[i]];
                }
                String s = new String(chars);
                if (!TextNormaliser.maySpellOut(s)) {
                    assertEquals(s, TextNormaliser.joinRuns(s), s);
                    checked++;
                }
                int i = 0;
                while (i < length && ++digits[i] == alphabet.length) {
                    digits[i++] = 0;
                }
                if (i == length) {
                    break;
                }
            }
        }
        assertTrue(checked > 1_000_000, checked + " strings checked");
    }

    @Test
    void wordsAndTokensAreTheRegexOnes() {
        for (String s : texts) {
            assertEquals(referenceReplaceEachWord(s, SOME_WORDS), TextNormaliser.replaceEachWord(s, SOME_WORDS), s);
            assertArrayEquals(referenceTokens(s), TextNormaliser.tokens(s), s);
        }
    }

    /** The regex version replaced by the scanner. */
    private static String referenceReplaceEachWord(String s, Map<String, String> map) {
        Matcher m = WORD.matcher(s);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            String replacement = map.get(m.group());
            if (replacement == null) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder();
            }
            out.append(s, last, m.start()).append(replacement);
            last = m.end();
        }
        return out == null ? s : out.append(s, last, s.length()).toString();
    }

    /** The regex version replaced by the scanner. */
    private static String[] referenceTokens(String normalised) {
        String spaced = PUNCT_TOKEN.matcher(normalised).replaceAll(" ");
        String[] raw = TOKEN_SPLIT.split(spaced.trim());
        int n = 0;
        for (String t : raw) {
            if (!t.isEmpty() && !t.equals("'")) {
                raw[n++] = t.length() > 1 && (t.charAt(0) == '\'' || t.charAt(t.length() - 1) == '\'')
                        ? t.replaceAll("^'+|'+$", "") : t;
            }
        }
        String[] out = new String[n];
        System.arraycopy(raw, 0, out, 0, n);
        return out;
    }
}
