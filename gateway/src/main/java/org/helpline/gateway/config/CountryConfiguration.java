package org.helpline.gateway.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import java.util.Locale;

/**
 * A deployment's correction to the built-in table of safety numbers ({@code countries/safety-numbers.tsv}) for one
 * country: {@code helpline.countries.<ISO>.emergency}, {@code .helpline}, {@code .language} (environment:
 * {@code HELPLINE_COUNTRIES_<ISO>_EMERGENCY}, ...). A field left unset keeps the table's value; set to an empty
 * string it is unknown (the texts then say "your local emergency number", or leave the helpline out). A country
 * missing from the table can be added this way.
 */
@EachProperty("helpline.countries")
public final class CountryConfiguration {
    private final String code;
    private String emergency;
    private String helpline;
    private String language;

    public CountryConfiguration(@Parameter String code) {
        this.code = code.toUpperCase(Locale.ROOT);
    }

    public String getCode() {
        return code;
    }

    /** The emergency number(s) to give, e.g. {@code 112} or {@code 190 / 192}; {@code null}: the table's. */
    @Nullable
    public String getEmergency() {
        return emergency;
    }

    public void setEmergency(@Nullable String emergency) {
        this.emergency = emergency;
    }

    /** The child helpline number(s), e.g. {@code 116 111}; {@code null}: the table's. */
    @Nullable
    public String getHelpline() {
        return helpline;
    }

    public void setHelpline(@Nullable String helpline) {
        this.helpline = helpline;
    }

    /** The country's usual language for a young person (ISO 639-1); {@code null}: the table's. */
    @Nullable
    public String getLanguage() {
        return language;
    }

    public void setLanguage(@Nullable String language) {
        this.language = language;
    }
}
