package org.helpline.gateway.conversation;

import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.config.CountryConfiguration;
import org.helpline.gateway.config.HelplineConfiguration;

/**
 * Emergency and helpline numbers for a texter's country ({@code helpline.countries.<ISO>}), falling back to the
 * default country, then to 112 / 116 111. They fill the {@code {emergency}} and {@code {helpline}} placeholders.
 */
@Singleton
public final class SafetyNumbers {
    private final Map<String, CountryConfiguration> byCountry = new HashMap<>();
    private final String defaultCountry;

    public SafetyNumbers(List<CountryConfiguration> countries, HelplineConfiguration config) {
        countries.forEach(c -> byCountry.put(c.getCode(), c));
        this.defaultCountry = config.defaultCountry().toUpperCase(java.util.Locale.ROOT);
    }

    public Map<String, String> variables(String region) {
        CountryConfiguration c = region == null ? null : byCountry.get(region);
        if (c == null) {
            c = byCountry.get(defaultCountry);
        }
        return c == null ? Map.of("emergency", "112", "helpline", "116 111")
                : Map.of("emergency", c.getEmergency(), "helpline", c.getHelpline());
    }
}
