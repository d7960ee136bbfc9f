package org.helpline.gateway.conversation;

import jakarta.inject.Singleton;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.helpline.gateway.config.CountryConfiguration;

/**
 * Every country's safety numbers: the built-in table ({@code countries/safety-numbers.tsv}: emergency and child
 * helpline numbers, the usual language and the source of each row), corrected by the deployment's
 * {@code helpline.countries.<ISO>.*} ({@link CountryConfiguration}). Read once at start-up; a malformed row stops the
 * start-up, since a wrong number must never reach a young person.
 */
@Singleton
public final class CountryTable {
    /** The built-in table's resource. */
    public static final String RESOURCE = "/countries/safety-numbers.tsv";
    private static final List<String> COLUMNS = List.of("region", "emergency", "helpline", "language", "source");

    private final Map<String, CountryNumbers> byRegion;

    public CountryTable(List<CountryConfiguration> overrides) {
        Map<String, CountryNumbers> rows = new TreeMap<>(builtIn());
        for (CountryConfiguration o : overrides) {
            CountryNumbers was = rows.get(o.getCode());
            rows.put(o.getCode(), new CountryNumbers(o.getCode(),
                    o.getEmergency() != null ? o.getEmergency() : was == null ? null : was.emergency(),
                    o.getHelpline() != null ? o.getHelpline() : was == null ? null : was.helpline(),
                    o.getLanguage() != null ? o.getLanguage() : was == null ? null : was.language(),
                    "configuration (helpline.countries." + o.getCode() + ")"
                            + (was == null ? "" : ", over: " + was.source())));
        }
        this.byRegion = Map.copyOf(rows);
    }

    /** The row for a region (ISO 3166-1 alpha-2), if the table or the configuration has it. */
    public Optional<CountryNumbers> country(String region) {
        return region == null ? Optional.empty() : Optional.ofNullable(byRegion.get(region));
    }

    public Collection<CountryNumbers> countries() {
        return new TreeMap<>(byRegion).values();
    }

    /** The built-in table alone, by region. */
    public static Map<String, CountryNumbers> builtIn() {
        try (InputStream in = CountryTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the table's lines: {@code #} comments, a header naming {@link #COLUMNS}, then one row a country. */
    static Map<String, CountryNumbers> parse(List<String> lines) {
        Map<String, CountryNumbers> rows = new TreeMap<>();
        boolean header = false;
        int n = 0;
        for (String line : lines) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (!header) {
                if (!List.of(f).equals(COLUMNS)) {
                    throw new IllegalStateException(RESOURCE + ":" + n + ": the header must be " + COLUMNS);
                }
                header = true;
                continue;
            }
            if (f.length != COLUMNS.size()) {
                throw new IllegalStateException(RESOURCE + ":" + n + ": " + COLUMNS.size() + " tab-separated "
                        + "columns expected, found " + f.length);
            }
            CountryNumbers row;
            try {
                row = new CountryNumbers(f[0], f[1], f[2], f[3], f[4]);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(RESOURCE + ":" + n + ": " + e.getMessage(), e);
            }
            if (row.source().isBlank()) {
                throw new IllegalStateException(RESOURCE + ":" + n + ": every row names its source");
            }
            if (rows.put(row.region(), row) != null) {
                throw new IllegalStateException(RESOURCE + ":" + n + ": " + row.region() + " appears twice");
            }
        }
        return rows;
    }
}
