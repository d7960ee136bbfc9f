package org.helpline.gateway.training;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes out of a message what could identify a young person before it is kept for training: email addresses, web
 * addresses, handles, phone numbers and other long runs of digits, and the names the counsellor marked. What is left
 * keeps the message's shape (a placeholder for each), which is what a model learns from.
 */
public final class PrivacyScrub {
    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}.-]+\\.\\p{L}{2,}");
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
    private static final Pattern HANDLE = Pattern.compile("(?<![\\p{L}\\p{N}])@[\\p{L}\\p{N}_.]{2,}");
    /** Five digits or more, with the separators numbers are written with: phone numbers, ids, addresses, codes. */
    private static final Pattern DIGITS = Pattern.compile("\\+?\\d(?:[\\s().-]*\\d){4,}");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private PrivacyScrub() {
    }

    public static String scrub(String text, Collection<String> names) {
        String s = SPACE.matcher(text).replaceAll(" ").strip();
        s = EMAIL.matcher(s).replaceAll("<email>");
        s = URL.matcher(s).replaceAll("<link>");
        s = HANDLE.matcher(s).replaceAll("<handle>");
        s = DIGITS.matcher(s).replaceAll("<number>");
        for (String name : names) {
            String n = name == null ? "" : name.strip();
            if (n.length() >= 2) {
                s = Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])" + Pattern.quote(n) + "(?![\\p{L}\\p{N}])")
                        .matcher(s).replaceAll(Matcher.quoteReplacement("<name>"));
            }
        }
        return s;
    }

    /** The names a counsellor typed (comma or new-line separated), trimmed, without empties. */
    public static List<String> names(String typed) {
        if (typed == null || typed.isBlank()) {
            return List.of();
        }
        return Arrays.stream(typed.split("[,\\n;]")).map(String::strip).filter(n -> n.length() >= 2).distinct()
                .toList();
    }
}
