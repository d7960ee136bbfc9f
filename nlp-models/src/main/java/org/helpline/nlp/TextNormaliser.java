package org.helpline.nlp;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a message as a teenager types it into the form every classifier and feature generator sees: Unicode NFKC,
 * lower case, no diacritics, repeated letters squeezed ("soooo" → "soo"), leetspeak undone ("k1ll" → "kill"),
 * SMS shorthand and algospeak expanded ("kms" → "kill myself", "unalive" → "kill", "sewer slide" → "suicide"),
 * and emoji that carry meaning turned into words. Training and serving both call it, so they cannot drift.
 *
 * <p>The maps are deliberately shared by all shipped languages: young people mix languages in one message, and a
 * Spanish-only expansion ("q" → "que") costs an English message nothing.
 *
 * <p>Before all of that, three steps undo the tricks that hide a word from a lexicon or a model ("nothing hides a
 * crisis"):
 * <ol>
 *   <li><b>Invisible characters</b> ({@link #stripInvisible}): every format character (general category Cf: zero-width
 *       space, joiners, word joiner, BOM, soft hyphen, bidi embeddings, overrides and isolates, the Mongolian vowel
 *       separator, tag characters ...) and the other default-ignorable fillers (combining grapheme joiner, variation
 *       selectors, Hangul fillers) are removed; every other space (no-break, en/em/thin/hair, ideographic, line and
 *       paragraph separators, NEL, the blank braille pattern) becomes a plain space.</li>
 *   <li><b>Spaced-out letters</b> ({@link #joinSpacedLetters}): a run of three or more single letters (a leet digit
 *       0 1 3 4 5 7, {@code @} or {@code $} may stand for one inside the run), each separated from the next by exactly
 *       one and the same separator out of space, {@code .}, {@code -}, {@code _} and {@code *}, is joined into one
 *       word: "k i l l" → "kill", "s.u.i.c.i.d.e" → "suicide", "k-1-l-l" → "kill". Only runs made entirely of single letters
 *       are joined, so a neighbouring whole word is never glued on ("i k i l l" is one run, but "to d i e" leaves "to"
 *       alone), and a double space (or any other gap) ends a run: "k i l l  m y s e l f" → "kill myself". A run starts
 *       and ends with a letter and holds more letters than digits; a run of three or four whose letters are all words
 *       on their own in SMS text (a b c e i k n o q r u x y: "u r a star", "i c u", "y a q cole") is left alone. A
 *       letter between a space and another separator belongs to the other separator's run ("i w.a.n.t" → "i want",
 *       "k i l l m.y.s.e.l.f" → "kill myself"). Three letters spelled out with single spaces next to a one-letter word
 *       are one run ("i d i e" → "idie"): only a double space tells them apart.</li>
 *   <li><b>Look-alike letters</b> ({@link #foldLookalikes}): Cyrillic and Greek letters that look like a Latin letter
 *       (Cyrillic а е і ј о р с у х ѕ ԁ ӏ к м н т в һ ..., Greek α ε ι κ ν ο ρ τ υ χ ω η γ ..., both cases) and
 *       Latin small capitals and dotless letters (ᴋ ɪ ʟ ı ɑ ɡ ...) become that Latin letter, word by word (a word: a
 *       maximal run of letters, marks and digits). A word is folded when it holds a Latin letter ("kіll", "mуself"),
 *       or a leet digit beside only look-alikes ("к1ӏӏ"); a word made only of look-alikes ("ѕех", "уоu") is folded
 *       when more than half of the message's other letters are in such Latin words. A real Russian or Greek message
 *       ("я хочу умереть", "θέλω να πεθάνω") has no Latin word, so it is left as it is. Full-width and mathematical
 *       letters are already Latin after NFKC, which runs before this step.</li>
 * </ol>
 * A message of plain ASCII skips the first and the third step at the cost of one scan ({@link #isAscii}), and the
 * second at the cost of one more ({@link #maySpellOut}) unless it holds three single letters with separators between.
 */
public final class TextNormaliser {
    private static final Pattern DIACRITICS = Pattern.compile("\\p{M}+");
    private static final Pattern REPEATS = Pattern.compile("(\\p{L})\\1{2,}");
    private static final Pattern REPEATED_PUNCT = Pattern.compile("([!?.])\\1+");
    private static final Pattern LEET_WORD = Pattern.compile("[\\p{L}0-9@$]*[\\p{L}][\\p{L}0-9@$]*");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern PUNCT_TOKEN = Pattern.compile("(?<=[^?!])(?=[?!])|(?<=[?!])(?=[^?!])");

    /** Shorthand containing digits: expanded before leetspeak is undone, or "b4" would become "ba". */
    private static final Map<String, String> DIGIT_SHORTHAND = new LinkedHashMap<>();
    /** Shorthand and algospeak, applied on whole words or phrases, longest first. */
    private static final Map<String, String> SHORTHAND = new LinkedHashMap<>();

    static {
        DIGIT_SHORTHAND.put("2nite", "tonight");
        DIGIT_SHORTHAND.put("2night", "tonight");
        DIGIT_SHORTHAND.put("2day", "today");
        DIGIT_SHORTHAND.put("2moro", "tomorrow");
        DIGIT_SHORTHAND.put("2morrow", "tomorrow");
        DIGIT_SHORTHAND.put("b4", "before");
        DIGIT_SHORTHAND.put("gr8", "great");
        DIGIT_SHORTHAND.put("l8r", "later");
        DIGIT_SHORTHAND.put("w8", "wait");
        DIGIT_SHORTHAND.put("h8", "hate");
        DIGIT_SHORTHAND.put("m8", "mate");
        DIGIT_SHORTHAND.put("4ever", "forever");
        DIGIT_SHORTHAND.put("any1", "anyone");
        DIGIT_SHORTHAND.put("some1", "someone");
        DIGIT_SHORTHAND.put("every1", "everyone");
        DIGIT_SHORTHAND.put("no1", "no one");
        DIGIT_SHORTHAND.put("ne1", "anyone");
        DIGIT_SHORTHAND.put("k1ll", "kill");
        DIGIT_SHORTHAND.put("d1e", "die");

        // self-harm and suicide algospeak (words platforms filter, so teens swap them)
        SHORTHAND.put("sewer slide", "suicide");
        SHORTHAND.put("sewer side", "suicide");
        SHORTHAND.put("sewerslide", "suicide");
        SHORTHAND.put("suey", "suicide");
        SHORTHAND.put("s word", "suicide");
        SHORTHAND.put("ctb", "suicide");
        SHORTHAND.put("s/h", "self harm");
        SHORTHAND.put("self-harm", "self harm");
        SHORTHAND.put("selfharm", "self harm");
        SHORTHAND.put("un alive", "kill");
        SHORTHAND.put("unalive", "kill");
        SHORTHAND.put("unalived", "killed");
        SHORTHAND.put("unaliving", "killing");
        SHORTHAND.put("k m s", "kill myself");
        SHORTHAND.put("kms", "kill myself");
        // a phrase spelled out letter by letter with single spaces comes back as one word (see joinSpacedLetters)
        SHORTHAND.put("killmyself", "kill myself");
        SHORTHAND.put("wanttodie", "want to die");
        SHORTHAND.put("endmylife", "end my life");
        SHORTHAND.put("kmsl", "kill myself laughing");
        SHORTHAND.put("kys", "kill yourself");
        SHORTHAND.put("sh", "self harm");
        SHORTHAND.put("od", "overdose");
        SHORTHAND.put("oding", "overdosing");
        SHORTHAND.put("od'd", "overdosed");
        SHORTHAND.put("ded", "dead");
        // sexual content algospeak
        SHORTHAND.put("pics", "pictures");
        SHORTHAND.put("pic", "picture");
        SHORTHAND.put("pix", "pictures");
        SHORTHAND.put("nudes", "nude pictures");
        SHORTHAND.put("noods", "nude pictures");
        SHORTHAND.put("noodz", "nude pictures");
        SHORTHAND.put("nudez", "nude pictures");
        SHORTHAND.put("n00ds", "nude pictures");
        SHORTHAND.put("seggs", "sex");
        SHORTHAND.put("secks", "sex");
        SHORTHAND.put("s3x", "sex");
        SHORTHAND.put("vids", "videos");
        SHORTHAND.put("vid", "video");
        // SMS shorthand
        SHORTHAND.put("u", "you");
        SHORTHAND.put("ur", "your");
        SHORTHAND.put("r", "are");
        SHORTHAND.put("ppl", "people");
        SHORTHAND.put("rn", "right now");
        SHORTHAND.put("tonite", "tonight");
        SHORTHAND.put("tmrw", "tomorrow");
        SHORTHAND.put("tmr", "tomorrow");
        SHORTHAND.put("pls", "please");
        SHORTHAND.put("plz", "please");
        SHORTHAND.put("plss", "please");
        SHORTHAND.put("bc", "because");
        SHORTHAND.put("cuz", "because");
        SHORTHAND.put("coz", "because");
        SHORTHAND.put("cos", "because");
        SHORTHAND.put("im", "i am");
        SHORTHAND.put("i'm", "i am");
        SHORTHAND.put("ive", "i have");
        SHORTHAND.put("i've", "i have");
        SHORTHAND.put("i'll", "i will");
        SHORTHAND.put("imma", "i am going to");
        SHORTHAND.put("ima", "i am going to");
        SHORTHAND.put("dont", "don't");
        SHORTHAND.put("dnt", "don't");
        SHORTHAND.put("cant", "can't");
        SHORTHAND.put("didnt", "didn't");
        SHORTHAND.put("doesnt", "doesn't");
        SHORTHAND.put("isnt", "isn't");
        SHORTHAND.put("wasnt", "wasn't");
        SHORTHAND.put("wont", "won't");
        SHORTHAND.put("wouldnt", "wouldn't");
        SHORTHAND.put("wanna", "want to");
        SHORTHAND.put("wana", "want to");
        SHORTHAND.put("gonna", "going to");
        SHORTHAND.put("gunna", "going to");
        SHORTHAND.put("finna", "going to");
        SHORTHAND.put("gotta", "got to");
        SHORTHAND.put("idk", "i don't know");
        SHORTHAND.put("dunno", "don't know");
        SHORTHAND.put("ik", "i know");
        SHORTHAND.put("idc", "i don't care");
        SHORTHAND.put("ngl", "not going to lie");
        SHORTHAND.put("tbh", "to be honest");
        SHORTHAND.put("fr", "for real");
        SHORTHAND.put("rly", "really");
        SHORTHAND.put("srsly", "seriously");
        SHORTHAND.put("bf", "boyfriend");
        SHORTHAND.put("gf", "girlfriend");
        SHORTHAND.put("bff", "best friend");
        SHORTHAND.put("bestie", "best friend");
        SHORTHAND.put("mum", "mom");
        SHORTHAND.put("mam", "mom");
        SHORTHAND.put("ma", "mom");
        SHORTHAND.put("dm", "private message");
        SHORTHAND.put("dms", "private messages");
        SHORTHAND.put("dmd", "private messaged");
        SHORTHAND.put("dm'd", "private messaged");
        SHORTHAND.put("snap", "snapchat");
        SHORTHAND.put("sc", "snapchat");
        SHORTHAND.put("insta", "instagram");
        SHORTHAND.put("ig", "instagram");
        SHORTHAND.put("abt", "about");
        SHORTHAND.put("smth", "something");
        SHORTHAND.put("sth", "something");
        SHORTHAND.put("thx", "thanks");
        SHORTHAND.put("thnx", "thanks");
        SHORTHAND.put("ty", "thank you");
        SHORTHAND.put("tysm", "thank you so much");
        SHORTHAND.put("msg", "message");
        SHORTHAND.put("msgs", "messages");
        SHORTHAND.put("pwd", "password");
        SHORTHAND.put("acc", "account");
        SHORTHAND.put("acct", "account");
        SHORTHAND.put("yr", "year");
        SHORTHAND.put("yrs", "years");
        // Spanish SMS shorthand
        SHORTHAND.put("q", "que");
        SHORTHAND.put("xq", "porque");
        SHORTHAND.put("pq", "porque");
        SHORTHAND.put("porq", "porque");
        SHORTHAND.put("tb", "tambien");
        SHORTHAND.put("tmb", "tambien");
        SHORTHAND.put("xfa", "por favor");
        SHORTHAND.put("porfa", "por favor");
        SHORTHAND.put("x favor", "por favor");
        SHORTHAND.put("tqm", "te quiero mucho");
        SHORTHAND.put("ntp", "no te preocupes");
    }

    /** Emoji that carry meaning in this domain, turned into words the models and the lexicon can use. */
    private static final Map<String, String> EMOJI = new LinkedHashMap<>();

    static {
        EMOJI.put("\uD83D\uDD2A", " knife ");            // 🔪
        EMOJI.put("\uD83D\uDC8A", " pills ");            // 💊
        EMOJI.put("\uD83E\uDE78", " blood ");            // 🩸
        EMOJI.put("\uD83E\uDE79", " bandage ");          // 🩹
        EMOJI.put("\uD83D\uDD2B", " gun ");              // 🔫
        EMOJI.put("\uD83E\uDEA2", " rope ");             // 🪢
        EMOJI.put("\u26B0", " coffin ");                 // ⚰
        EMOJI.put("\uD83E\uDD40", " wilted ");           // 🥀
        EMOJI.put("\uD83D\uDC80", " skull ");            // 💀 (teens: "dying of laughter")
        EMOJI.put("\u2620", " skull ");                  // ☠
        EMOJI.put("\uD83D\uDE02", " laughing ");         // 😂
        EMOJI.put("\uD83E\uDD23", " laughing ");         // 🤣
        EMOJI.put("\uD83D\uDE06", " laughing ");         // 😆
        EMOJI.put("\uD83D\uDE2D", " crying ");           // 😭
        EMOJI.put("\uD83D\uDE22", " crying ");           // 😢
        EMOJI.put("\uD83D\uDE14", " sad ");              // 😔
        EMOJI.put("\uD83D\uDE1E", " sad ");              // 😞
        EMOJI.put("\u2639", " sad ");                    // ☹
        EMOJI.put("\uD83D\uDE41", " sad ");              // 🙁
        EMOJI.put("\uD83D\uDC94", " heartbroken ");      // 💔
        EMOJI.put("\uD83D\uDE4F", " please ");           // 🙏
        EMOJI.put("\uD83E\uDD7A", " please ");           // 🥺
        EMOJI.put("\uD83C\uDD98", " help ");             // 🆘
        EMOJI.put("\uD83D\uDCF8", " pictures ");         // 📸
        EMOJI.put("\uD83D\uDCF7", " pictures ");         // 📷
        EMOJI.put("\uD83C\uDF46", " sexual ");           // 🍆
        EMOJI.put("\uD83C\uDF51", " sexual ");           // 🍑
        EMOJI.put("\uD83D\uDCA6", " sexual ");           // 💦
        EMOJI.put("\uD83D\uDD1E", " sexual ");           // 🔞
        EMOJI.put("\uD83E\uDD2B", " secret ");           // 🤫
        EMOJI.put("\uD83D\uDE21", " angry ");            // 😡
        EMOJI.put("\uD83D\uDE20", " angry ");            // 😠
        EMOJI.put("\uD83D\uDE31", " scared ");           // 😱
        EMOJI.put("\uD83D\uDE30", " scared ");           // 😰
        EMOJI.put("\uD83D\uDE28", " scared ");           // 😨
        EMOJI.put("\uD83D\uDE27", " scared ");           // 😧
        EMOJI.put("\uD83D\uDC4B", " wave ");             // 👋
        EMOJI.put("\uD83D\uDE0A", " smile ");            // 😊
        EMOJI.put("\uD83D\uDE42", " smile ");            // 🙂
        EMOJI.put("\u2764", " love ");                   // ❤
        EMOJI.put("\uD83E\uDD70", " love ");             // 🥰
        EMOJI.put("\uD83D\uDCB8", " money ");            // 💸
        EMOJI.put("\uD83D\uDCB0", " money ");            // 💰
        EMOJI.put("\uD83C\uDFAE", " game ");             // 🎮
        EMOJI.put("\uD83D\uDD12", " lock ");             // 🔒
    }

    /** Whole words, with the same boundaries the lexicon uses: letters, digits and apostrophes. */
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");
    /** Shorthand spanning several words or holding other characters ("sewer slide", "s/h"): one small regex. */
    private static final Map<String, String> PHRASE_SHORTHAND = new LinkedHashMap<>();
    /** Single-word shorthand: a hash lookup per word, far cheaper than a 150-way regex alternation. */
    private static final Map<String, String> WORD_SHORTHAND = new HashMap<>();

    static {
        // the languages added after English and Spanish keep their shorthand in resource files (ShorthandFiles)
        ShorthandFiles.load().forEach(SHORTHAND::putIfAbsent);
        SHORTHAND.forEach((k, v) -> {
            if (WORD.matcher(k).matches()) {
                WORD_SHORTHAND.put(k, v);
            } else {
                PHRASE_SHORTHAND.put(k, v);
            }
        });
    }

    private static final Pattern PHRASE_SHORTHAND_PATTERN = alternation(PHRASE_SHORTHAND);

    /**
     * "dead" as an intensifier before an adjective ("dead serious", "dead tired", "dead funny", British "dead good"):
     * it means "very", not death, so it becomes "very". Only adjectives that cannot describe a dead person and rarely
     * start a new clause follow, and never after "off/was/were/be/been/being" ("better off dead seriously", "i want
     * to be dead right now" keep their meaning); "dead inside" and "i'm dead" are untouched.
     */
    private static final Pattern DEAD_INTENSIFIER = Pattern.compile("(?<![\\p{L}\\p{N}'])(?<!(?:off|was|were|be|been"
            + "|being) )dead (?=(?:serious|tired|funny|good|easy|quiet|bored|boring|excited|nervous|hungry|hot|cute"
            + "|lucky|proud|annoying|jealous|weird|sweet|chuffed|posh|brilliant|loud|simple|clever|smart|busy|rude)"
            + "(?![\\p{L}\\p{N}']))");

    /**
     * "myself" for whom something is made or served, not the one harmed: "i cut myself a slice of cake", "made myself
     * a sandwich", "poured myself some tea". Dropped before a portion or a food only (and not before "... of my"), so
     * "i cut myself a lot", "i cut myself a few times" and "a slice of my arm" keep their meaning.
     */
    private static final Pattern BENEFACTIVE_MYSELF = Pattern.compile("(?<![\\p{L}\\p{N}'])((?:cut|cutting|made|make"
            + "|making|got|get|getting|bought|buy|buying|poured|pour|pouring|cooked|cook|cooking|grabbed|grab|grabbing"
            + "|fixed|fix|fixing|ordered|order|baked|bake|sliced|slice) )myself (?=(?:a|an|some|another|more|the) "
            + "(?:slice|slices|piece|pieces|sandwich|drink|snack|cup|mug|plate|bowl|coffee|tea|toast|wedge|chunk"
            + "|portion|glass|pizza|cake|biscuit|cookie|cheese|bread|fruit|apple|melon|watermelon|chocolate|dinner"
            + "|lunch|breakfast)(?![\\p{L}\\p{N}'])(?! of my))");

    private TextNormaliser() {
    }

    /** The normalised form of {@code text}; never null. */
    public static String normalise(String text) {
        if (text == null) {
            return "";
        }
        boolean ascii = isAscii(text);
        String s = ascii ? text : stripInvisible(text);
        s = Normalizer.normalize(s, Normalizer.Form.NFKC);
        s = joinSpacedLetters(s);
        if (!ascii) {
            s = foldLookalikes(s);
        }
        if (hasSymbols(s)) {
            for (Map.Entry<String, String> e : EMOJI.entrySet()) {
                if (s.indexOf(e.getKey()) >= 0) {
                    s = s.replace(e.getKey(), e.getValue());
                }
            }
        }
        s = s.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replace('\u2018', '\'').replace('`', '\'');
        // each regex below runs only when the text holds what it could match (most messages: none of them)
        if (!isAscii(s)) { // ASCII has no combining marks, and NFD and NFC leave it as it is
            s = DIACRITICS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
            s = Normalizer.normalize(s, Normalizer.Form.NFC);
        }
        if (mayRepeatLetters(s)) {
            s = REPEATS.matcher(s).replaceAll("$1$1");
        }
        if (s.contains("!!") || s.contains("??") || s.contains("..")) {
            s = REPEATED_PUNCT.matcher(s).replaceAll("$1");
        }
        if (!singleSpaced(s)) {
            s = SPACES.matcher(s).replaceAll(" ");
        }
        s = s.trim();
        s = replaceEachWord(s, DIGIT_SHORTHAND);
        s = undoLeet(s);
        if (containsAny(s, PHRASE_SHORTHAND.keySet())) {
            s = replaceWords(s, PHRASE_SHORTHAND_PATTERN, PHRASE_SHORTHAND);
        }
        s = replaceEachWord(s, WORD_SHORTHAND);
        if (s.contains("myself ")) {
            s = BENEFACTIVE_MYSELF.matcher(s).replaceAll("$1");
        }
        if (s.contains("dead ")) {
            s = DEAD_INTENSIFIER.matcher(s).replaceAll("very ");
        }
        return s;
    }

    // ---- step 1: invisible characters and odd spaces ----------------------------------------------------------

    /**
     * {@code s} without invisible characters and with every other kind of space a plain space; {@code s} itself when
     * it holds neither.
     */
    static String stripInvisible(String s) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            int cp = s.codePointAt(i);
            if (cp >= 0x80 && (isInvisible(cp) || isOddSpace(cp))) {
                break;
            }
            i += Character.charCount(cp);
        }
        if (i == n) {
            return s;
        }
        StringBuilder out = new StringBuilder(n);
        out.append(s, 0, i);
        while (i < n) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp >= 0x80 && isInvisible(cp)) {
                continue;
            }
            if (cp >= 0x80 && isOddSpace(cp)) {
                out.append(' ');
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    /**
     * A character that shows nothing and separates nothing: a format character (Cf, which includes U+00AD,
     * U+200B-U+200F, U+202A-U+202E, U+2060-U+2064, U+2066-U+2069, U+180E, U+FEFF and the tags U+E0001-U+E007F), or one
     * of the other default-ignorable code points: U+034F, U+115F, U+1160, U+17B4, U+17B5, U+180B-U+180F, U+3164,
     * U+FE00-U+FE0F, U+FFA0 and the plane-14 block U+E0000-U+E0FFF (variation selectors U+E0100-U+E01EF).
     */
    static boolean isInvisible(int cp) {
        if (cp < 0xAD) {
            return false;
        }
        return Character.getType(cp) == Character.FORMAT || cp == 0x034F || cp == 0x115F || cp == 0x1160
                || cp == 0x17B4 || cp == 0x17B5 || cp >= 0x180B && cp <= 0x180F || cp == 0x3164
                || cp >= 0xFE00 && cp <= 0xFE0F || cp == 0xFFA0 || cp >= 0xE0000 && cp <= 0xE0FFF;
    }

    /**
     * A space that is not U+0020: Zs, Zl and Zp above ASCII (U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F,
     * U+205F, U+3000), NEL (U+0085) and the blank braille pattern (U+2800).
     */
    static boolean isOddSpace(int cp) {
        if (cp == 0x85 || cp == 0x2800) {
            return true;
        }
        int type = Character.getType(cp);
        return cp >= 0x80 && (type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR);
    }

    // ---- step 2: spaced-out letters -------------------------------------------------------------------------------

    /** Letters that are words on their own in SMS text (English "u r a", "i c u", Spanish "y a q"), lower case. */
    private static final String STANDALONE_LETTERS = "abceiknoqruxy";

    /** The separators of a spaced-out word: one of them, the same one, between every two letters. */
    private static boolean isLetterSeparator(char c) {
        return c == ' ' || c == '.' || c == '-' || c == '_' || c == '*';
    }

    /** Digits and signs that stand for a letter in leetspeak (undone by {@link #undoLeet}). */
    private static boolean isLeetChar(int cp) {
        return cp == '0' || cp == '1' || cp == '3' || cp == '4' || cp == '5' || cp == '7' || cp == '@' || cp == '$';
    }

    private static boolean isMark(int cp) {
        if (cp < 0x300) {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /** What a single-letter token must not touch: a word character, a mark, or a leet sign. */
    private static boolean isJoinWordChar(int cp) {
        return isWordChar(cp) || cp == '@' || cp == '$' || isMark(cp);
    }

    /**
     * The end of the single-letter token at {@code i} (a letter and its marks, or one leet character, with no word
     * character right after it), or -1. The caller knows the character before {@code i} is not a word character.
     */
    private static int singleTokenEnd(String s, int i) {
        int n = s.length();
        if (i >= n) {
            return -1;
        }
        int cp = s.codePointAt(i);
        int j = i + Character.charCount(cp);
        if (Character.isLetter(cp)) {
            while (j < n && isMark(cp = s.codePointAt(j))) {
                j += Character.charCount(cp);
            }
        } else if (!isLeetChar(cp)) {
            return -1;
        }
        return j < n && isJoinWordChar(s.codePointAt(j)) ? -1 : j;
    }

    /**
     * Runs of single letters spelled out with one separator ("k i l l", "s.u.i.c.i.d.e", "k-i-l-l", "k_i_l_l",
     * "k*i*l*l") joined into words; {@code s} itself when it has none. The rule is the class comment's step 2.
     */
    static String joinSpacedLetters(String s) {
        return maySpellOut(s) ? joinRuns(s) : s;
    }

    /** {@link #joinSpacedLetters} without the quick check. */
    static String joinRuns(String s) {
        int n = s.length();
        StringBuilder out = null;
        int last = 0;
        int i = 0;
        while (i < n) {
            int cp = s.codePointAt(i);
            if (!isJoinWordChar(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int end = singleTokenEnd(s, i);
            if (end < 0 || end + 1 >= n || !isLetterSeparator(s.charAt(end))) {
                // not the start of a run: skip the rest of this word
                i = end < 0 ? i + Character.charCount(cp) : end;
                while (i < n && isJoinWordChar(cp = s.codePointAt(i))) {
                    i += Character.charCount(cp);
                }
                continue;
            }
            char sep = s.charAt(end);
            int runEnd = end;
            int tokens = 1;
            while (runEnd + 1 < n && s.charAt(runEnd) == sep) {
                int e = singleTokenEnd(s, runEnd + 1);
                if (e < 0 || sep == ' ' && e + 1 < n && s.charAt(e) != ' ' && isLetterSeparator(s.charAt(e))
                        && singleTokenEnd(s, e + 1) >= 0) {
                    // a letter spelled out with '.', '-', '_' or '*' belongs to that run, not to a run of spaces:
                    // "i w.a.n.t", "k i l l m.y.s.e.l.f"
                    break;
                }
                runEnd = e;
                tokens++;
            }
            if (tokens >= 3) {
                int from = i;
                int to = runEnd;
                // the run starts and ends with a letter: leading and trailing leet characters stay as they are
                while (from < to && !Character.isLetter(s.codePointAt(from))) {
                    from = singleTokenEnd(s, from) + 1;
                }
                while (to > from && isLeetChar(s.charAt(to - 1))) { // a leet token is one ASCII character
                    to -= 2;
                }
                if (from < to && joinable(s, from, to)) {
                    if (out == null) {
                        out = new StringBuilder(n);
                    }
                    out.append(s, last, from);
                    for (int p = from; p < to; ) {
                        int e = singleTokenEnd(s, p);
                        out.append(s, p, e);
                        p = e + 1;
                    }
                    last = to;
                }
            }
            i = runEnd;
        }
        return out == null ? s : out.append(s, last, n).toString();
    }

    /**
     * False only when {@link #joinSpacedLetters} cannot find a run: below U+0300 (no marks, no surrogates) a run of
     * three is "X s Y s Z" with single letters X, Y, Z, nothing of a word before X or after Z, and s one separator.
     * True for any text with a character from U+0300 on.
     */
    static boolean maySpellOut(String s) {
        int n = s.length();
        int last = n - 3; // "i < last", not "i + 3 < n": the JIT then drops the bounds checks
        for (int i = 1; i < last; i++) {
            char c = s.charAt(i);
            // the rare equal pair first: a branch almost never taken keeps the loop small and fast
            if (c == s.charAt(i + 2) && c <= '_' && isLetterSeparator(c) && isRunOfThree(s, i)) {
                return true;
            }
        }
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x300) {
                return true;
            }
        }
        return false;
    }

    /** "X s Y s Z" around the separator at {@code i} (the one at {@code i + 2} is the same), all below U+0300. */
    private static boolean isRunOfThree(String s, int i) {
        int n = s.length();
        return isTokenLetter(s.charAt(i + 1)) && isTokenLetter(s.charAt(i - 1)) && isTokenLetter(s.charAt(i + 3))
                && (i < 2 || !isJoinWordChar(s.charAt(i - 2))) && (i + 4 >= n || !isJoinWordChar(s.charAt(i + 4)));
    }

    /** A letter or a leet character: what a single-letter token is made of (below U+0300). */
    private static boolean isTokenLetter(char c) {
        return c < 0x80 ? c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isLeetChar(c) : Character.isLetter(c);
    }

    /** Whether the run of single tokens in [from, to) is a spelled-out word (class comment, step 2). */
    private static boolean joinable(String s, int from, int to) {
        int tokens = 0;
        int letters = 0;
        boolean allStandalone = true;
        for (int p = from; p < to; ) {
            int e = singleTokenEnd(s, p);
            int cp = s.codePointAt(p);
            tokens++;
            if (Character.isLetter(cp)) {
                letters++;
                char look = lookalike(cp);
                int lower = Character.toLowerCase(look != 0 ? look : cp);
                allStandalone &= lower < 0x80 && STANDALONE_LETTERS.indexOf(lower) >= 0;
            }
            p = e + 1;
        }
        return tokens >= 3 && letters * 2 > tokens && !(tokens <= 4 && allStandalone);
    }

    // ---- step 3: look-alike letters -------------------------------------------------------------------------------

    /** The Latin letter each look-alike below U+0530 stands for (0: none). */
    private static final char[] LOOKALIKE = new char[0x0530];

    static {
        String[] pairs = {
            // Cyrillic, lower case
            "аa", "вb", "еe", "ѐe", "ёe", "іi", "їi", "јj", "оo", "рp", "сc", "уy", "хx", "ѕs", "ԁd", "ӏl", "кk",
            "мm", "нh", "тt", "һh", "ԛq", "ԝw", "үy", "ѵv", "ѡw",
            // Cyrillic, upper case
            "АA", "ВB", "ЕE", "ЀE", "ЁE", "ІI", "ЇI", "ЈJ", "ОO", "РP", "СC", "УY", "ХX", "ЅS", "ԀD", "ӀI", "КK",
            "МM", "НH", "ТT", "ҺH", "ԚQ", "ԜW", "ҮY", "ѴV",
            // Greek, lower case (NFKC has already turned the lunate sigma ϲ into ς)
            "αa", "άa", "γy", "εe", "έe", "ηn", "ήn", "ιi", "ίi", "ϊi", "ΐi", "κk", "νv", "οo", "όo", "ρp", "τt",
            "υu", "ύu", "ϋu", "ΰu", "χx", "ωw", "ώw", "ςc", "ϲc", "ϳj",
            // Greek, upper case
            "ΑA", "ΆA", "ΒB", "ΕE", "ΈE", "ΖZ", "ΗH", "ΉH", "ΙI", "ΊI", "ΪI", "ΚK", "ΜM", "ΝN", "ΟO", "ΌO", "ΡP",
            "ΤT", "ΥY", "ΎY", "ΫY", "ΧX", "ͿJ",
            // Latin letters that look like another: dotless, IPA and small capitals
            "ıi", "ȷj", "ĸk", "ǀl", "ɑa", "ɡg", "ɢg", "ɩi", "ɪi", "ɴn", "ʀr", "ʏy", "ʙb", "ʜh", "ʟl",
        };
        for (String pair : pairs) {
            LOOKALIKE[pair.charAt(0)] = pair.charAt(1);
        }
    }

    /** The Latin letter {@code cp} looks like, or 0. */
    static char lookalike(int cp) {
        if (cp < 0x80) {
            return 0;
        }
        if (cp < LOOKALIKE.length) {
            return LOOKALIKE[cp];
        }
        return switch (cp) { // Latin small capitals
            case 0x1D00 -> 'a';
            case 0x1D04 -> 'c';
            case 0x1D05 -> 'd';
            case 0x1D07 -> 'e';
            case 0x1D0A -> 'j';
            case 0x1D0B -> 'k';
            case 0x1D0D -> 'm';
            case 0x1D0F -> 'o';
            case 0x1D18 -> 'p';
            case 0x1D1B -> 't';
            case 0x1D1C -> 'u';
            case 0x1D20 -> 'v';
            case 0x1D21 -> 'w';
            case 0x1D22 -> 'z';
            case 0xA730 -> 'f';
            case 0xA731 -> 's';
            case 0xA7AF -> 'q';
            default -> 0;
        };
    }

    private static boolean isLatinLetter(int cp) {
        if (cp < 0x80) {
            return cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z';
        }
        return Character.isLetter(cp) && Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN;
    }

    private static boolean isFoldWordChar(int cp) {
        return Character.isLetterOrDigit(cp) || isMark(cp);
    }

    private static final int WORD_LATIN = 1;
    private static final int WORD_ALL_LOOKALIKE = 2;

    /** Letters of the word in [start, end) (shifted left by 2) and its WORD_ flags. */
    private static int wordInfo(String s, int start, int end) {
        int letters = 0;
        boolean latin = false;
        boolean leet = false;
        boolean allLookalike = true;
        for (int i = start; i < end; ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp)) {
                letters++;
                if (isLatinLetter(cp)) {
                    latin = true;
                    allLookalike = false;
                } else if (lookalike(cp) == 0) {
                    allLookalike = false;
                }
            } else if (isLeetChar(cp)) {
                leet = true;
            }
        }
        allLookalike &= letters > 0;
        return letters << 2 | (latin || leet && allLookalike ? WORD_LATIN : 0)
                | (allLookalike ? WORD_ALL_LOOKALIKE : 0);
    }

    /**
     * Cyrillic and Greek look-alikes (and Latin small capitals) in Latin words turned into the Latin letter they look
     * like; {@code s} itself when there is none. The rule is the class comment's step 3.
     */
    static String foldLookalikes(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && lookalike(s.charAt(i)) == 0) { // every look-alike is in the BMP
            i++;
        }
        if (i == n) {
            return s;
        }
        // first pass: how many letters, and how many of them in words that are (disguised) Latin
        int letters = 0;
        int latinLetters = 0;
        for (i = 0; i < n; ) {
            int cp = s.codePointAt(i);
            if (!isFoldWordChar(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < n && isFoldWordChar(cp = s.codePointAt(i))) {
                i += Character.charCount(cp);
            }
            int info = wordInfo(s, start, i);
            letters += info >>> 2;
            if ((info & WORD_LATIN) != 0) {
                latinLetters += info >>> 2;
            }
        }
        char[] out = null;
        for (i = 0; i < n; ) {
            int cp = s.codePointAt(i);
            if (!isFoldWordChar(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < n && isFoldWordChar(cp = s.codePointAt(i))) {
                i += Character.charCount(cp);
            }
            int info = wordInfo(s, start, i);
            boolean fold = (info & WORD_LATIN) != 0
                    || (info & WORD_ALL_LOOKALIKE) != 0 && latinLetters * 2 > letters - (info >>> 2);
            if (!fold) {
                continue;
            }
            for (int j = start; j < i; j++) {
                char look = lookalike(s.charAt(j));
                if (look != 0) {
                    if (out == null) {
                        out = s.toCharArray();
                    }
                    out[j] = look;
                }
            }
        }
        return out == null ? s : new String(out);
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** False only when REPEATS cannot match: no char equal to the next two, and no surrogate pair (a letter too). */
    static boolean mayRepeatLetters(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c) || i + 2 < s.length() && c == s.charAt(i + 1) && c == s.charAt(i + 2)) {
                return true;
            }
        }
        return false;
    }

    /** True when SPACES would change nothing: no white space but single plain spaces. */
    static boolean singleSpaced(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' ? i + 1 < s.length() && isRegexSpace(s.charAt(i + 1)) : isRegexSpace(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@code \s} of java.util.regex (no UNICODE_CHARACTER_CLASS): [ \t\n\x0B\f\r]. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static boolean containsAny(String s, Collection<String> needles) {
        for (String needle : needles) {
            if (s.contains(needle)) {
                return true;
            }
        }
        return false;
    }

    /** {@code [\p{L}\p{N}']} of java.util.regex: a letter, a number (Nd, Nl, No) or an apostrophe. */
    static boolean isWordChar(int codePoint) {
        if (codePoint < 0x80) {
            return codePoint >= 'a' && codePoint <= 'z' || codePoint >= 'A' && codePoint <= 'Z'
                    || codePoint >= '0' && codePoint <= '9' || codePoint == '\'';
        }
        return switch (Character.getType(codePoint)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }

    /** True when the text holds a character from the symbol/emoji planes (the only place EMOJI keys live). */
    private static boolean hasSymbols(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '\u2600' && (Character.isSurrogate(c) || c < '\u2800')) {
                return true;
            }
        }
        return false;
    }

    /** Each whole word (a maximal run of {@link #WORD}'s characters) found in the map replaced. */
    static String replaceEachWord(String s, Map<String, String> map) {
        StringBuilder out = null;
        int last = 0;
        int n = s.length();
        int i = 0;
        while (i < n) {
            int cp = s.codePointAt(i);
            if (!isWordChar(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < n && isWordChar(cp = s.codePointAt(i))) {
                i += Character.charCount(cp);
            }
            String replacement = map.get(s.substring(start, i));
            if (replacement == null) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length() + 16);
            }
            out.append(s, last, start).append(replacement);
            last = i;
        }
        if (out == null) {
            return s;
        }
        return out.append(s, last, s.length()).toString();
    }

    /**
     * The tokens of already-normalised text, as the doccat models see them: words (apostrophes kept) and the
     * punctuation marks {@code ?} and {@code !}.
     */
    public static String[] tokens(String normalised) {
        String spaced = normalised.indexOf('?') < 0 && normalised.indexOf('!') < 0 ? normalised
                : PUNCT_TOKEN.matcher(normalised).replaceAll(" ");
        // the pieces TOKEN_SPLIT.split leaves: maximal runs of letters, numbers, apostrophes, ? and !
        List<String> tokens = new ArrayList<>();
        int n = spaced.length();
        int i = 0;
        while (i < n) {
            int cp = spaced.codePointAt(i);
            if (!isTokenChar(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < n && isTokenChar(cp = spaced.codePointAt(i))) {
                i += Character.charCount(cp);
            }
            String t = spaced.substring(start, i);
            if (!t.equals("'")) {
                tokens.add(t.length() > 1 && (t.charAt(0) == '\'' || t.charAt(t.length() - 1) == '\'')
                        ? stripApostrophes(t) : t);
            }
        }
        return tokens.toArray(String[]::new);
    }

    static boolean isTokenChar(int codePoint) {
        return codePoint == '?' || codePoint == '!' || isWordChar(codePoint);
    }

    /** {@code t.replaceAll("^'+|'+$", "")}. */
    private static String stripApostrophes(String t) {
        int start = 0;
        while (start < t.length() && t.charAt(start) == '\'') {
            start++;
        }
        int end = t.length();
        while (end > start && t.charAt(end - 1) == '\'') {
            end--;
        }
        return t.substring(start, end);
    }

    /** {@link #normalise} then {@link #tokens}. */
    public static String[] normalisedTokens(String text) {
        return tokens(normalise(text));
    }

    private static Pattern alternation(Map<String, String> map) {
        StringBuilder alternatives = new StringBuilder();
        map.keySet().stream()
                .sorted((a, b) -> Integer.compare(b.length(), a.length()))
                .forEach(k -> {
                    if (alternatives.length() > 0) {
                        alternatives.append('|');
                    }
                    alternatives.append(Pattern.quote(k));
                });
        return Pattern.compile("(?<![\\p{L}\\p{N}'])(" + alternatives + ")(?![\\p{L}\\p{N}'])");
    }

    private static String replaceWords(String s, Pattern pattern, Map<String, String> map) {
        Matcher m = pattern.matcher(s);
        if (!m.find()) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        do {
            m.appendReplacement(out, Matcher.quoteReplacement(map.get(m.group(1))));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    /** Undo leetspeak only inside words that also hold letters, so "2 pills" and "10pm" keep their digits. */
    private static String undoLeet(String s) {
        if (s.chars().noneMatch(c -> Character.isDigit(c) || c == '@' || c == '$')) {
            return s;
        }
        Matcher m = LEET_WORD.matcher(s);
        StringBuilder out = new StringBuilder();
        boolean changed = false;
        while (m.find()) {
            String w = m.group();
            boolean hasDigitOrSymbol = w.chars().anyMatch(c -> Character.isDigit(c) || c == '@' || c == '$');
            String replaced = w;
            if (hasDigitOrSymbol && !looksLikeTimeOrQuantity(w)) {
                replaced = w.replace('0', 'o').replace('1', 'i').replace('3', 'e').replace('4', 'a')
                        .replace('5', 's').replace('7', 't').replace('@', 'a').replace('$', 's');
                changed = true;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replaced));
        }
        m.appendTail(out);
        return changed ? out.toString() : s;
    }

    private static boolean looksLikeTimeOrQuantity(String w) {
        return w.matches("\\d+(am|pm|h|hs|hrs|min|mins|mg|x|st|nd|rd|th|k|yo|yrs|s)")
                || w.matches("\\d+[a-z]?");
    }
}
