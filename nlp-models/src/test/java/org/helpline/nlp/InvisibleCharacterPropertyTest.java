package org.helpline.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Nothing hides a crisis", as a property: a message with invisible characters inserted anywhere, letters swapped
 * for look-alikes from other scripts, and words spelled out letter by letter normalises to exactly what the message
 * itself normalises to, so no classifier can see a lower tier. Seeded, so a failure is reproducible.
 */
class InvisibleCharacterPropertyTest {
    private static final int ITERATIONS = 20_000;

    /** The first CRISES of MESSAGES are crises (HIGH or IMMINENT for the lexicon). */
    private static final int CRISES = 13;
    private static final List<String[]> MESSAGES = List.of(
            // crisis messages (language, text)
            new String[] {"en", "I want to kill myself tonight"},
            new String[] {"en", "i want to die"},
            new String[] {"en", "kms"},
            new String[] {"en", "i cut myself again"},
            new String[] {"en", "he is outside my house"},
            new String[] {"en", "i have the pills"},
            new String[] {"en", "thinking about suicide"},
            new String[] {"en", "im going to kill myself now"},
            new String[] {"en", "i wanna end it all tonight"},
            new String[] {"es", "quiero morir"},
            new String[] {"es", "me voy a matar esta noche"},
            new String[] {"es", "quiero matarme"},
            new String[] {"es", "me corto los brazos"},
            // ordinary messages
            new String[] {"en", "hi"},
            new String[] {"en", "I took 20 pills at 10pm"},
            new String[] {"en", "i am ok"},
            new String[] {"en", "u r a star"},
            new String[] {"en", "can i talk to someone please"},
            new String[] {"en", "my mum keeps shouting at me"},
            new String[] {"en", "I'm dead serious lol"},
            new String[] {"en", "i made myself a sandwich"},
            new String[] {"en", "see u b4 2nite"},
            new String[] {"en", "watching suicide squad tonight"},
            new String[] {"es", "hola necesito hablar con alguien"},
            new String[] {"es", "un desconocido me pregunto donde vivo y a q cole voy"});

    /** Invisible characters: format characters (Cf) of every kind, and the other default-ignorables. */
    private static final int[] INVISIBLE = {0x00AD, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C,
        0x202D, 0x202E, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF, 0x180E, 0x061C,
        0xFFF9, 0xFFFA, 0xFFFB, 0x034F, 0x3164, 0xFE0E, 0xFE0F, 0xE0001, 0xE0020, 0xE0041, 0xE007F, 0x1D173};

    /** For each Latin letter, look-alikes from Cyrillic, Greek and Latin that fold back to it. */
    private static final Map<Character, String> LOOKALIKES = Map.ofEntries(
            Map.entry('a', "\u0430\u03B1"), Map.entry('b', "\u0432"), Map.entry('c', "\u0441\u03F2"),
            Map.entry('d', "\u0501"), Map.entry('e', "\u0435\u03B5"), Map.entry('h', "\u04BB\u043D"),
            Map.entry('i', "\u0456\u03B9\u0131"), Map.entry('j', "\u0458\u03F3"), Map.entry('k', "\u043A\u03BA"),
            Map.entry('l', "\u04CF"), Map.entry('m', "\u043C"), Map.entry('n', "\u03B7"),
            Map.entry('o', "\u043E\u03BF"), Map.entry('p', "\u0440\u03C1"), Map.entry('q', "\u051B"),
            Map.entry('s', "\u0455"), Map.entry('t', "\u0442\u03C4"), Map.entry('u', "\u03C5"),
            Map.entry('v', "\u03BD\u0475"), Map.entry('w', "\u051D\u03C9"), Map.entry('x', "\u0445\u03C7"),
            Map.entry('y', "\u0443\u03B3\u04AF"),
            Map.entry('A', "\u0410\u0391"), Map.entry('B', "\u0412\u0392"), Map.entry('C', "\u0421"),
            Map.entry('E', "\u0415\u0395"), Map.entry('H', "\u041D\u0397"), Map.entry('I', "\u0406\u0399\u04C0"),
            Map.entry('J', "\u0408"), Map.entry('K', "\u041A\u039A"), Map.entry('M', "\u041C\u039C"),
            Map.entry('N', "\u039D"), Map.entry('O', "\u041E\u039F"), Map.entry('P', "\u0420\u03A1"),
            Map.entry('S', "\u0405"), Map.entry('T', "\u0422\u03A4"), Map.entry('X', "\u0425\u03A7"),
            Map.entry('Y', "\u0423\u03A5"), Map.entry('Z', "\u0396"));

    private static final String SEPARATORS = " .-_*";
    private static final String STANDALONE = "abceiknoqruxy";

    private static final KeywordClassifier LEXICON = new KeywordClassifier();
    private static List<String[]> corpus;

    @BeforeAll
    static void load() throws IOException {
        corpus = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("corpora"))) {
            files = walk.filter(p -> p.toString().endsWith(".tsv")).sorted().toList();
        }
        for (Path file : files) {
            String language = file.getParent().getFileName().toString();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    corpus.add(new String[] {language, line.substring(line.indexOf('\t') + 1)});
                }
            }
        }
    }

    @Test
    void crisisMessagesAreCrisesToBeginWith() {
        for (String[] m : MESSAGES.subList(0, CRISES)) {
            assertTrue(LEXICON.assess(m[1], m[0]).tier().atLeast(RiskTier.HIGH), m[1]);
        }
    }

    @Test
    void mutatedMessagesNormaliseAsTheOriginal() {
        Random random = new Random(20_261_201L);
        int[] kinds = new int[8];
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            String[] m = MESSAGES.get(random.nextInt(MESSAGES.size()));
            int mutations = 1 + random.nextInt(7); // bit 1: spacing, bit 2: look-alikes, bit 4: invisible characters
            kinds[mutations]++;
            String mutated = m[1];
            if ((mutations & 1) != 0) {
                mutated = spaceOut(mutated, random);
            }
            if ((mutations & 2) != 0) {
                mutated = swapLookalikes(mutated, random, 0.1 + 0.6 * random.nextDouble());
            }
            if ((mutations & 4) != 0) {
                mutated = insertInvisible(mutated, random, 1 + random.nextInt(8));
            }
            assertUnchanged(m, mutated, iteration);
        }
        for (int kind = 1; kind < 8; kind++) {
            assertTrue(kinds[kind] > ITERATIONS / 10, "mutation kind " + kind + " ran " + kinds[kind] + " times");
        }
    }

    @Test
    void corpusMessagesWithInvisibleCharactersAndLookalikesNormaliseAsTheOriginal() {
        Random random = new Random(7L);
        for (String[] m : corpus) {
            String mutated = insertInvisible(swapLookalikes(m[1], random, 0.3), random, 1 + random.nextInt(4));
            assertEquals(TextNormaliser.normalise(m[1]), TextNormaliser.normalise(mutated), describe(m[1], mutated));
        }
    }

    private static void assertUnchanged(String[] m, String mutated, int iteration) {
        String expected = TextNormaliser.normalise(m[1]);
        String message = "iteration " + iteration + ": " + describe(m[1], mutated);
        assertEquals(expected, TextNormaliser.normalise(mutated), message);
        RiskTier original = LEXICON.assess(m[1], m[0]).tier();
        RiskTier tier = LEXICON.assess(mutated, m[0]).tier();
        assertTrue(tier.atLeast(original), message + ": " + tier + " < " + original);
    }

    /** One or two whole words (3+ letters) spelled out with one separator; double spaces where a run could touch. */
    static String spaceOut(String text, Random random) {
        String[] parts = text.split(" ");
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            if (spellable(parts[i])) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            return text;
        }
        char[] spacedWith = new char[parts.length];
        int words = Math.min(candidates.size(), 1 + random.nextInt(2));
        for (int w = 0; w < words; w++) {
            int i = candidates.remove(random.nextInt(candidates.size()));
            char sep = SEPARATORS.charAt(random.nextInt(SEPARATORS.length()));
            spacedWith[i] = sep;
            StringBuilder spelled = new StringBuilder();
            for (int c = 0; c < parts[i].length(); c++) {
                if (c > 0) {
                    spelled.append(sep);
                }
                spelled.append(parts[i].charAt(c));
            }
            parts[i] = spelled.toString();
        }
        StringBuilder out = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            boolean touching = spacedWith[i - 1] == ' ' && (spacedWith[i] != 0 || parts[i].length() == 1)
                    || spacedWith[i] == ' ' && (spacedWith[i - 1] != 0 || parts[i - 1].length() == 1);
            boolean spaced = spacedWith[i - 1] != 0 || spacedWith[i] != 0;
            out.append(touching || spaced && random.nextBoolean() ? "  " : " ").append(parts[i]);
        }
        return out.toString();
    }

    /** A word of letters only that the spacing rule joins back: 3+ letters, not 3 or 4 stand-alone SMS letters. */
    private static boolean spellable(String word) {
        if (word.length() < 3 || !word.chars().allMatch(Character::isLetter)) {
            return false;
        }
        return word.length() > 4 || !word.toLowerCase().chars().allMatch(c -> STANDALONE.indexOf(c) >= 0);
    }

    /**
     * Letters swapped for look-alikes, each with the given probability. A word left with no Latin letter (and no leet
     * digit) is folded only when most of the message's other letters are in Latin words (the rule), so while that
     * does not hold for such a word, its first swapped letter goes back to Latin.
     */
    static String swapLookalikes(String text, Random random, double probability) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            String options = LOOKALIKES.get(chars[i]);
            if (options != null && random.nextDouble() < probability) {
                chars[i] = options.charAt(random.nextInt(options.length()));
            }
        }
        while (true) {
            List<int[]> words = words(chars); // {start, end, letters, latin (0/1)}
            int letters = 0;
            int latin = 0;
            for (int[] w : words) {
                letters += w[2];
                latin += w[3] * w[2];
            }
            int[] hidden = null;
            for (int[] w : words) {
                if (w[3] == 0 && w[2] > 0 && !(latin * 2 > letters - w[2])) {
                    hidden = w;
                    break;
                }
            }
            if (hidden == null) {
                return new String(chars);
            }
            for (int i = hidden[0]; i < hidden[1]; i++) {
                if (text.charAt(i) != chars[i]) {
                    chars[i] = text.charAt(i);
                    break;
                }
            }
        }
    }

    /** Words as the folding rule sees them (runs of letters and digits); latin: a Latin letter or a leet digit. */
    private static List<int[]> words(char[] chars) {
        List<int[]> words = new ArrayList<>();
        int i = 0;
        while (i < chars.length) {
            if (!Character.isLetterOrDigit(chars[i])) {
                i++;
                continue;
            }
            int start = i;
            int letters = 0;
            boolean latin = false;
            boolean leet = false;
            for (; i < chars.length && Character.isLetterOrDigit(chars[i]); i++) {
                if (Character.isLetter(chars[i])) {
                    letters++;
                    latin |= Character.UnicodeScript.of(chars[i]) == Character.UnicodeScript.LATIN;
                } else {
                    leet |= "013457".indexOf(chars[i]) >= 0;
                }
            }
            words.add(new int[] {start, i, letters, latin || leet ? 1 : 0});
        }
        return words;
    }

    /** {@code count} invisible characters at random places. */
    static String insertInvisible(String text, Random random, int count) {
        StringBuilder out = new StringBuilder(text);
        for (int k = 0; k < count; k++) {
            int at = random.nextInt(out.length() + 1);
            while (at > 0 && at < out.length() && Character.isLowSurrogate(out.charAt(at))) {
                at--; // never inside a surrogate pair
            }
            out.insert(at, Character.toString(INVISIBLE[random.nextInt(INVISIBLE.length)]));
        }
        return out.toString();
    }

    private static String describe(String original, String mutated) {
        StringBuilder escaped = new StringBuilder();
        mutated.codePoints().forEach(cp -> escaped.append(cp >= 0x20 && cp < 0x7F ? Character.toString(cp)
                : String.format("\\u{%X}", cp)));
        return "'" + original + "' mutated to '" + escaped + "'";
    }
}
