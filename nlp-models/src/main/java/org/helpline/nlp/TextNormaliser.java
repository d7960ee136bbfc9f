package org.helpline.nlp;

import java.text.Normalizer;
import java.util.LinkedHashMap;
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
    private static final Map<String, String> WORD_SHORTHAND = new java.util.HashMap<>();

    static {
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
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
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

    private static boolean containsAny(String s, java.util.Collection<String> needles) {
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
        java.util.List<String> tokens = new java.util.ArrayList<>();
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
