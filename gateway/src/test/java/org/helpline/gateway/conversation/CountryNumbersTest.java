package org.helpline.gateway.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.helpline.dialogue.flow.Catalogue;
import org.helpline.dialogue.flow.FlowLoader;
import org.helpline.gateway.channel.Address;
import org.helpline.gateway.config.CountryConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The built-in table of safety numbers, row by row: a texter from each country (libphonenumber's example mobile
 * number for the region, parsed as a webhook's {@code From} is) is given exactly that country's numbers, in every
 * text that shows them and in both languages, and no other digits; a texter from anywhere else is given no number
 * but "your local emergency number"; the deployment's configuration corrects a row.
 */
class CountryNumbersTest {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Catalogue TEXTS = FlowLoader.fromClasspath().catalogue();
    /** Every message that shows a safety number. */
    private static final List<String> KEYS = List.of("system.risk_imminent", "system.still_opted_out",
            "welcome.declined", "system.opted_out", "system.help", "privacy.erased");
    private static final List<String> LANGUAGES = List.of("en", "es");

    private final SafetyNumbers builtIn = new SafetyNumbers(new CountryTable(List.of()));

    static Stream<CountryNumbers> rows() {
        return CountryTable.builtIn().values().stream();
    }

    /** What a texter from that region is told, through the gateway's own choice: the number's region, then the row. */
    private List<String> told(SafetyNumbers safety, String e164) {
        Optional<String> region = Address.parse(e164).region();
        Map<String, String> vars = safety.variables(region.orElse(null));
        List<String> out = new ArrayList<>();
        for (String language : LANGUAGES) {
            for (String key : KEYS) {
                out.add(TEXTS.render(language, key, vars));
            }
        }
        return out;
    }

    private static String exampleMobile(String region) {
        Phonenumber.PhoneNumber n = PHONES.getExampleNumberForType(region, PhoneNumberUtil.PhoneNumberType.MOBILE);
        if (n == null) {
            n = PHONES.getExampleNumber(region);
        }
        assertTrue(n != null, region + ": libphonenumber has no example number");
        return PHONES.format(n, PhoneNumberUtil.PhoneNumberFormat.E164);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void aTexterFromEachCountryIsGivenThatCountrysNumbersAndNoOther(CountryNumbers row) {
        String e164 = exampleMobile(row.region());
        assertEquals(Optional.of(row.region()), Address.parse(e164).region(), "the example number's region");
        List<String> texts = told(builtIn, e164);
        for (String text : texts) {
            if (row.emergency() != null) {
                assertTrue(text.contains(row.emergency()), row.region() + ": no emergency number in: " + text);
            } else {
                assertTrue(text.contains("your local emergency number")
                        || text.contains("número de emergencias de tu país"), row.region() + ": " + text);
            }
            String rest = text;
            // longest first: "116 111" before "116", so that a part of one number is never taken for another
            List<String> numbers = new ArrayList<>(row.numbers());
            numbers.sort(Comparator.comparingInt(String::length).reversed());
            for (String number : numbers) {
                rest = rest.replace(number, "");
            }
            assertFalse(rest.matches("(?s).*[0-9].*"), row.region() + ": a number that is not this country's in: "
                    + text);
        }
        if (row.helpline() != null) {
            String imminent = texts.get(0);
            assertTrue(imminent.contains(row.helpline()), row.region() + ": no helpline in: " + imminent);
        }
    }

    @Test
    void everyRowIsARegionLibphonenumberKnowsAndNamesItsSource() {
        var supported = PHONES.getSupportedRegions();
        for (CountryNumbers row : CountryTable.builtIn().values()) {
            assertTrue(supported.contains(row.region()), row.region());
            assertFalse(row.source().isBlank(), row.region());
            assertTrue(row.emergency() != null || row.helpline() != null, row.region() + ": an empty row");
        }
        assertTrue(CountryTable.builtIn().size() >= 90, "countries: " + CountryTable.builtIn().size());
    }

    @Test
    void theCountriesTheIssueNamesHaveTheirOwnNumbers() {
        Map<String, CountryNumbers> t = CountryTable.builtIn();
        assertEquals("999", t.get("GB").emergency());
        assertEquals("0800 1111", t.get("GB").helpline());
        assertEquals("112", t.get("FR").emergency());
        assertEquals("119 / 3114", t.get("FR").helpline());
        assertEquals("190 / 192", t.get("BR").emergency());
        assertEquals("188 / 100", t.get("BR").helpline());
        assertEquals("116 111", t.get("PT").helpline());
        assertEquals("116", t.get("KE").helpline());
        assertEquals("116 111 / 900 20 20 10", t.get("ES").helpline());
        assertEquals("1-800-668-6868", t.get("CA").helpline());
    }

    @Test
    void aTexterFromACountryNotInTheTableIsGivenNoOtherCountrysNumber() {
        // +888: a non-geographic number (no country); SB (Solomon Islands): a country we have no row for; and a
        // number whose region libphonenumber cannot tell
        String nonGeographic = PHONES.format(PHONES.getExampleNumberForNonGeoEntity(888),
                PhoneNumberUtil.PhoneNumberFormat.E164);
        assertEquals(Optional.empty(), Address.parse(nonGeographic).region());
        assertFalse(CountryTable.builtIn().containsKey("SB"));
        for (String e164 : List.of(nonGeographic, exampleMobile("SB"))) {
            for (String text : told(builtIn, e164)) {
                assertFalse(text.matches("(?s).*[0-9].*"), e164.substring(0, 4) + ": " + text);
                assertTrue(text.contains("your local emergency number")
                        || text.contains("número de emergencias de tu país"), text);
            }
        }
        assertEquals(Map.of(), builtIn.variables(null));
    }

    @Test
    void aNumberLibphonenumberDoesNotKnowAsValidKeepsAnUnsharedCountryCodesCountryOnly() {
        // +33 0: not a valid French number, but +33 is France's alone
        assertEquals(Optional.of("FR"), Address.parse("+33012345678").region());
        // Ofcom's drama range: +44 is shared with Jersey, Guernsey and the Isle of Man, so no country is assumed
        assertEquals(Optional.empty(), Address.parse("+447700900123").region());
        assertEquals(Optional.of("GB"), Address.parse("+447400123456").region());
    }

    @Test
    void theConfigurationCorrectsARowClearsAFieldOrAddsACountry() {
        CountryConfiguration fr = new CountryConfiguration("fr");
        fr.setHelpline("119");
        CountryConfiguration gb = new CountryConfiguration("GB");
        gb.setHelpline("");
        CountryConfiguration sb = new CountryConfiguration("SB");
        sb.setEmergency("999");
        SafetyNumbers configured = new SafetyNumbers(new CountryTable(List.of(fr, gb, sb)));
        // (with the country's usual language, which settles a new conversation's language: issue 19)
        assertEquals(Map.of("emergency", "112", "helpline", "119", "country_language", "fr"),
                configured.variables("FR"));
        assertEquals(Map.of("emergency", "999", "country_language", "en"), configured.variables("GB"));
        assertEquals(Map.of("emergency", "999"), configured.variables("SB"));
        assertEquals("If you are in danger right now, call 999.",
                TEXTS.render("en", "system.risk_imminent", configured.variables("GB")));
        assertEquals(builtIn.variables("PT"), configured.variables("PT"));
    }

    @Test
    void aMalformedTableStopsTheStartUp() {
        String header = "region\temergency\thelpline\tlanguage\tsource";
        assertThrows(IllegalStateException.class, () -> CountryTable.parse(List.of(header, "FR\t112\t119\tfr\t")));
        assertThrows(IllegalStateException.class, () -> CountryTable.parse(List.of(header,
                "FR\t112\tcall 119\tfr\tsomewhere")));
        assertThrows(IllegalStateException.class, () -> CountryTable.parse(List.of(header,
                "FR\t112\t119\tfr\ta", "FR\t112\t119\tfr\tb")));
        assertThrows(IllegalStateException.class, () -> CountryTable.parse(List.of("FR\t112\t119\tfr\ta")));
        assertEquals("119", CountryTable.parse(List.of("# c", header, "FR\t112\t119\tfr\ta")).get("FR").helpline());
    }
}
