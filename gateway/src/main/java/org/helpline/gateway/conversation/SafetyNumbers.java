package org.helpline.gateway.conversation;

import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import org.helpline.dialogue.Engine;

/**
 * The {@code {emergency}} and {@code {helpline}} placeholders for a texter's country, from the {@link CountryTable}.
 * A number not known for that country is left out, never taken from another country: the texts then say "your
 * local emergency number" or leave the helpline out (the dialogue's {@code .no_helpline} variants). Also the
 * country's usual language ({@code country_language}, {@code Engine.COUNTRY_LANGUAGE}), which settles a new
 * conversation's language when its first message does not (the engine uses it only when it ships that language).
 */
@Singleton
public final class SafetyNumbers {
    private final CountryTable countries;

    public SafetyNumbers(CountryTable countries) {
        this.countries = countries;
    }

    /** {@code region}: the texter's number's region (ISO 3166-1 alpha-2), or {@code null} when it has none. */
    public Map<String, String> variables(String region) {
        Map<String, String> vars = new HashMap<>(4);
        countries.country(region).ifPresent(c -> {
            c.emergencyNumber().ifPresent(n -> vars.put("emergency", n));
            c.helplineNumber().ifPresent(n -> vars.put("helpline", n));
            if (c.language() != null) {
                vars.put(Engine.COUNTRY_LANGUAGE, c.language());
            }
        });
        return Map.copyOf(vars);
    }
}
