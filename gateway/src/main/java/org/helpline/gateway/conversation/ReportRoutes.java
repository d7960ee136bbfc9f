package org.helpline.gateway.conversation;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.helpline.dialogue.Engine;

/**
 * Where a young person can report an image of them being shared, by country: {@code report-routes.tsv} (shipped, each
 * row with its source), or the file {@code HELPLINE_REPORT_ROUTES_FILE} names instead. They fill the
 * {@code {hotline}} and {@code {report_remove}} placeholders of the report flow. A country without a row gets no
 * hotline of any other country: the flow's own text points to inhope.org.
 */
@Singleton
public final class ReportRoutes {
    /** One country's routes: its INHOPE member hotline, and whether Report Remove (Childline/IWF) serves it. */
    public record Route(String country, String hotline, String url, boolean reportRemove, String source) {
    }

    private final Map<String, Route> byCountry;
    private final Engine engine;

    public ReportRoutes(Engine engine, @Value("${helpline.report-routes-file:}") String file) {
        this.engine = engine;
        this.byCountry = parse(file == null || file.isBlank() ? shipped() : read(Path.of(file)));
    }

    public Optional<Route> route(String region) {
        return region == null ? Optional.empty()
                : Optional.ofNullable(byCountry.get(region.toUpperCase(Locale.ROOT)));
    }

    /** The report flow's placeholders for a texter of this region, in this language (none without a row). */
    public Map<String, String> variables(String region, String language) {
        Map<String, String> vars = new HashMap<>();
        route(region).ifPresent(r -> {
            vars.put("hotline", r.hotline() + " (" + r.url() + ")");
            if (r.reportRemove()) {
                vars.put("report_remove",
                        engine.flows().catalogue().render(language, "report.report_remove_line", Map.of()));
            }
        });
        return vars;
    }

    static Map<String, Route> parse(String tsv) {
        Map<String, Route> out = new LinkedHashMap<>();
        boolean header = true;
        int n = 0;
        for (String line : tsv.split("\n")) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (header) {
                header = false;
                if (f.length == 5 && f[0].equals("country")) {
                    continue;
                }
            }
            if (f.length != 5 || !f[0].matches("[A-Z]{2}") || f[1].isBlank() || f[2].isBlank()
                    || !(f[3].equals("yes") || f[3].equals("no")) || f[4].isBlank()) {
                throw new IllegalStateException("report routes, line " + n
                        + ": expected country (ISO), hotline, url, report_remove (yes/no), source");
            }
            out.put(f[0], new Route(f[0], f[1].strip(), f[2].strip(), f[3].equals("yes"), f[4].strip()));
        }
        return Map.copyOf(out);
    }

    private static String shipped() {
        try (InputStream in = ReportRoutes.class.getResourceAsStream("/report-routes.tsv")) {
            if (in == null) {
                throw new IllegalStateException("missing /report-routes.tsv");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
