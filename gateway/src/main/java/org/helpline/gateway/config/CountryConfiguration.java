package org.helpline.gateway.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

/**
 * Safety numbers per country ({@code helpline.countries.<ISO>.emergency}, {@code .helpline}), given to a young person
 * at once on every IMMINENT message and in every risk reply.
 */
@EachProperty("helpline.countries")
public final class CountryConfiguration {
    private final String code;
    private String emergency = "112";
    private String helpline = "116 111";

    public CountryConfiguration(@Parameter String code) {
        this.code = code.toUpperCase(java.util.Locale.ROOT);
    }

    public String getCode() {
        return code;
    }

    public String getEmergency() {
        return emergency;
    }

    public void setEmergency(String emergency) {
        this.emergency = emergency;
    }

    public String getHelpline() {
        return helpline;
    }

    public void setHelpline(String helpline) {
        this.helpline = helpline;
    }
}
