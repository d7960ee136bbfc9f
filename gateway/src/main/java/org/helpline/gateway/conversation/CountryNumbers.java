package org.helpline.gateway.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One country's safety numbers: a row of {@code countries/safety-numbers.tsv}, after the deployment's corrections.
 *
 * @param region    ISO 3166-1 alpha-2, as libphonenumber names a number's region
 * @param emergency the emergency number(s) as a young person should read them ({@code 112}, {@code 190 / 192}), or
 *                  {@code null} when not known to us
 * @param helpline  the child helpline number(s), or {@code null} when not known to us
 * @param language  the country's usual language for a young person (ISO 639-1), or {@code null} when there is no
 *                  single one
 * @param source    where the numbers are published (the table's), or what changed them (configuration)
 */
public record CountryNumbers(String region, String emergency, String helpline, String language, String source) {
    /** Separates two numbers in one field: {@code 119 / 3114}. */
    public static final String SEPARATOR = " / ";

    public CountryNumbers {
        if (region == null || !region.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("region must be ISO 3166-1 alpha-2: " + region);
        }
        emergency = blankToNull(emergency);
        helpline = blankToNull(helpline);
        language = blankToNull(language);
        for (String number : numbers(emergency, helpline)) {
            if (!number.matches("[0-9][0-9 -]*[0-9]|[0-9]")) {
                throw new IllegalArgumentException(region + ": not a phone number: '" + number + "'");
            }
        }
    }

    /** Every number in this row, one by one ({@code 119 / 3114} is two). */
    public List<String> numbers() {
        return numbers(emergency, helpline);
    }

    public Optional<String> emergencyNumber() {
        return Optional.ofNullable(emergency);
    }

    public Optional<String> helplineNumber() {
        return Optional.ofNullable(helpline);
    }

    private static List<String> numbers(String emergency, String helpline) {
        List<String> out = new ArrayList<>();
        for (String field : new String[] {emergency, helpline}) {
            if (field != null) {
                for (String n : field.split(" */ *")) {
                    out.add(n.strip());
                }
            }
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
