package org.helpline.dialogue.flow;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The translated texts of every message key, per language, with {@code {placeholder}} substitution.
 *
 * <p>A value that is missing or blank is <em>unknown</em> (a country without a child helpline in our table, say):
 * a text never shows an empty gap. When a text uses an unknown placeholder and the language has the variant
 * {@code <key>.no_<placeholder>} (e.g. {@code system.risk_imminent.no_helpline}), that variant is rendered instead;
 * otherwise the language's own {@code variable.<placeholder>} fills it (e.g. "your local emergency number"). The
 * loader requires one of the two for every placeholder that may be unknown ({@link #MAY_BE_UNKNOWN}).
 */
public final class Catalogue {
    /** Placeholders whose value the caller may not know: texts using them must read well without them. */
    public static final Set<String> MAY_BE_UNKNOWN = Set.of("emergency", "helpline");
    /** Suffix of a message's variant for when a placeholder's value is unknown: {@code <key>.no_<placeholder>}. */
    public static final String WITHOUT = ".no_";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");
    private final Map<String, Map<String, String>> texts;
    private final String defaultLanguage;

    public Catalogue(Map<String, Map<String, String>> texts, String defaultLanguage) {
        this.texts = Map.copyOf(texts);
        this.defaultLanguage = defaultLanguage;
    }

    public List<String> languages() {
        return texts.keySet().stream().sorted().toList();
    }

    public boolean has(String language, String key) {
        return texts.getOrDefault(language, Map.of()).containsKey(key);
    }

    /** Raw text of a key in a language, falling back to the default language. */
    public String raw(String language, String key) {
        String text = texts.getOrDefault(language, Map.of()).get(key);
        if (text == null) {
            text = texts.get(defaultLanguage).get(key);
        }
        if (text == null) {
            throw new IllegalArgumentException("no message '" + key + "'");
        }
        return text;
    }

    /** Text of a key with placeholders filled from {@code variables} (blank values are unknown: see the class). */
    public String render(String language, String key, Map<String, String> variables) {
        String chosen = variant(language, key, variables);
        Matcher m = PLACEHOLDER.matcher(raw(language, chosen));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(1));
            boolean unknown = value == null || value.isBlank() && MAY_BE_UNKNOWN.contains(m.group(1));
            if (unknown && has(language, "variable." + m.group(1))) {
                value = raw(language, "variable." + m.group(1)); // a per-language default, e.g. the helpline's name
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The key to render: {@code key}, or its {@code .no_<placeholder>} variant for each unknown placeholder it uses
     * (variants of variants for several, e.g. {@code welcome.declined.no_helpline}).
     */
    private String variant(String language, String key, Map<String, String> variables) {
        String chosen = key;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String p : placeholders(raw(language, chosen))) {
                String value = variables.get(p);
                String alternative = chosen + WITHOUT + p;
                if ((value == null || value.isBlank() && MAY_BE_UNKNOWN.contains(p)) && has(language, alternative)) {
                    chosen = alternative;
                    changed = true;
                    break;
                }
            }
        }
        return chosen;
    }

    /** Placeholder names used in a text. */
    static List<String> placeholders(String text) {
        return PLACEHOLDER.matcher(text).results().map(r -> r.group(1)).toList();
    }

    Map<String, Map<String, String>> all() {
        return texts;
    }
}
