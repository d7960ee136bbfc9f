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
 */
public final class TextNormaliser {
    private static final Pattern DIACRITICS = Pattern.compile("\\p{M}+");
    private static final Pattern REPEATS = Pattern.compile("(\\p{L})\\1{2,}");
    private static final Pattern LEET_WORD = Pattern.compile("[\\p{L}0-9@$]*[\\p{L}][\\p{L}0-9@$]*");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** Shorthand and algospeak, applied on whole words or phrases, longest first. */
    private static final Map<String, String> SHORTHAND = new LinkedHashMap<>();

    static {
        // phrases first
        SHORTHAND.put("sewer slide", "suicide");
        SHORTHAND.put("sewer side", "suicide");
        SHORTHAND.put("s/h", "self harm");
        SHORTHAND.put("self-harm", "self harm");
        SHORTHAND.put("un alive", "kill");
        SHORTHAND.put("k m s", "kill myself");
        SHORTHAND.put("kms", "kill myself");
        SHORTHAND.put("kys", "kill yourself");
        SHORTHAND.put("unalive", "kill");
        SHORTHAND.put("unaliving", "killing");
        SHORTHAND.put("suicidal", "suicidal");
        SHORTHAND.put("sh", "self harm");
        SHORTHAND.put("pics", "pictures");
        SHORTHAND.put("pic", "picture");
        SHORTHAND.put("nudes", "nude pictures");
        SHORTHAND.put("noods", "nude pictures");
        SHORTHAND.put("u", "you");
        SHORTHAND.put("ur", "your");
        SHORTHAND.put("r", "are");
        SHORTHAND.put("ppl", "people");
        SHORTHAND.put("rn", "right now");
        SHORTHAND.put("2nite", "tonight");
        SHORTHAND.put("tonite", "tonight");
        SHORTHAND.put("2day", "today");
        SHORTHAND.put("pls", "please");
        SHORTHAND.put("plz", "please");
        SHORTHAND.put("bc", "because");
        SHORTHAND.put("cuz", "because");
        SHORTHAND.put("coz", "because");
        SHORTHAND.put("im", "i am");
        SHORTHAND.put("i'm", "i am");
        SHORTHAND.put("dont", "don't");
        SHORTHAND.put("wanna", "want to");
        SHORTHAND.put("gonna", "going to");
        SHORTHAND.put("idk", "i don't know");
        SHORTHAND.put("bf", "boyfriend");
        SHORTHAND.put("gf", "girlfriend");
        SHORTHAND.put("dm", "private message");
        SHORTHAND.put("dms", "private messages");
        SHORTHAND.put("snap", "snapchat");
        SHORTHAND.put("insta", "instagram");
        SHORTHAND.put("ig", "instagram");
        SHORTHAND.put("q", "que");
        SHORTHAND.put("xq", "porque");
        SHORTHAND.put("pq", "porque");
        SHORTHAND.put("tb", "tambien");
        SHORTHAND.put("fotos", "fotos");
    }

    private static final Map<String, String> EMOJI = Map.ofEntries(
            Map.entry("\uD83D\uDD2A", " knife "),           // 🔪
            Map.entry("\uD83D\uDC8A", " pills "),           // 💊
            Map.entry("\uD83E\uDE78", " blood "),           // 🩸
            Map.entry("\uD83D\uDC80", " skull "),           // 💀
            Map.entry("\uD83D\uDE2D", " crying "),          // 😭
            Map.entry("\uD83D\uDE22", " crying "),          // 😢
            Map.entry("\uD83D\uDC94", " heartbroken "),     // 💔
            Map.entry("\uD83D\uDE4F", " please "),          // 🙏
            Map.entry("\uD83C\uDD98", " help "),            // 🆘
            Map.entry("\uD83D\uDCF8", " pictures "),        // 📸
            Map.entry("\uD83D\uDCF7", " pictures "),        // 📷
            Map.entry("\uD83C\uDF46", " sexual "),          // 🍆
            Map.entry("\uD83D\uDE21", " angry "),           // 😡
            Map.entry("\uD83D\uDE31", " scared "),          // 😱
            Map.entry("\uD83D\uDE30", " scared "));         // 😰

    private static final Pattern SHORTHAND_PATTERN;

    static {
        StringBuilder alternatives = new StringBuilder();
        SHORTHAND.keySet().stream()
                .sorted((a, b) -> Integer.compare(b.length(), a.length()))
                .forEach(k -> {
                    if (alternatives.length() > 0) {
                        alternatives.append('|');
                    }
                    alternatives.append(Pattern.quote(k));
                });
        SHORTHAND_PATTERN = Pattern.compile("(?<![\\p{L}\\p{N}'])(" + alternatives + ")(?![\\p{L}\\p{N}'])");
    }

    private TextNormaliser() {
    }

    /** The normalised form of {@code text}; never null. */
    public static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
        for (Map.Entry<String, String> e : EMOJI.entrySet()) {
            s = s.replace(e.getKey(), e.getValue());
        }
        s = s.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replace('\u2018', '\'');
        s = DIACRITICS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
        s = Normalizer.normalize(s, Normalizer.Form.NFC);
        s = REPEATS.matcher(s).replaceAll("$1$1");
        s = undoLeet(s);
        s = SPACES.matcher(s).replaceAll(" ").trim();
        Matcher m = SHORTHAND_PATTERN.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(SHORTHAND.get(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Undo leetspeak only inside words that also hold letters, so "2 pills" and "10pm" keep their digits. */
    private static String undoLeet(String s) {
        Matcher m = LEET_WORD.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String w = m.group();
            boolean hasDigitOrSymbol = w.chars().anyMatch(c -> Character.isDigit(c) || c == '@' || c == '$');
            String replaced = w;
            if (hasDigitOrSymbol && !looksLikeTimeOrQuantity(w)) {
                replaced = w.replace('0', 'o').replace('1', 'i').replace('3', 'e').replace('4', 'a')
                        .replace('5', 's').replace('7', 't').replace('@', 'a').replace('$', 's');
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replaced));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean looksLikeTimeOrQuantity(String w) {
        return w.matches("\\d+(am|pm|h|hs|hrs|min|mins|mg|x|st|nd|rd|th|k)") || w.matches("\\d+[a-z]?");
    }
}
