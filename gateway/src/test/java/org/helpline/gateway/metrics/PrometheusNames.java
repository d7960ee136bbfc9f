package org.helpline.gateway.metrics;

import java.util.ArrayList;
import java.util.List;

/** Micrometer names as Prometheus shows them, and the series of a name in a scrape. */
final class PrometheusNames {
    private PrometheusNames() {
    }

    /** The scrape's sample lines whose metric family is Micrometer's {@code name} (dots are underscores). */
    static List<String> series(String scrape, String name) {
        String base = name.replace('.', '_');
        List<String> out = new ArrayList<>();
        for (String line : scrape.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            String metric = line.split("[{ ]", 2)[0];
            if (metric.equals(base) || metric.startsWith(base + "_")) {
                out.add(line);
            }
        }
        return out;
    }

    /** Every metric name (sample line's name) in the scrape. */
    static List<String> metricNames(String scrape) {
        List<String> out = new ArrayList<>();
        for (String line : scrape.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                out.add(line.split("[{ ]", 2)[0]);
            }
        }
        return out;
    }
}
