package org.helpline.dialogue.flow;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The translated texts of every message key, per language, with {@code {placeholder}} substitution. */
public final class Catalogue {
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

    /** Text of a key with placeholders filled from {@code variables}. */
    public String render(String language, String key, Map<String, String> variables) {
        Matcher m = PLACEHOLDER.matcher(raw(language, key));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(1));
            if (value == null && has(language, "variable." + m.group(1))) {
                value = raw(language, "variable." + m.group(1)); // a per-language default, e.g. the helpline's name
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Placeholder names used in a text. */
    static List<String> placeholders(String text) {
        return PLACEHOLDER.matcher(text).results().map(r -> r.group(1)).toList();
    }

    Map<String, Map<String, String>> all() {
        return texts;
    }
}
