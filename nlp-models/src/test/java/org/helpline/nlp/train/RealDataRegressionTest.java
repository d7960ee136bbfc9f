package org.helpline.nlp.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.helpline.nlp.RealRiskModel;
import org.junit.jupiter.api.Test;

/**
 * The shipped risk assessor on real held-out text (the test split of every source in {@code shared/data}, which
 * never trained the model and never chose a threshold): recall on every suicidal source and false alarms on every
 * ordinary one must not regress past the targets, or past the figures recorded when the model was trained
 * where a target is not met yet ({@code real-data-test-split.properties}, written by {@code scripts/evaluate}),
 * by more than {@link #SLACK}. Skips, saying why, where the data is absent (a user's machine has no shared/).
 */
class RealDataRegressionTest {
    /** Room for a retrain's noise: one or two texts in a small source. */
    static final double SLACK = 0.02;

    /**
     * The data directory: {@code $HELPLINE_REAL_DATA}, or {@code shared/data} beside the project (where CI lays it;
     * surefire runs in the module's directory), or null when there is none (a user's machine).
     */
    static Path locate() {
        String env = System.getenv("HELPLINE_REAL_DATA");
        List<Path> candidates = env != null ? List.of(Path.of(env))
                : List.of(Path.of("..", "..", "shared", "data"), Path.of("..", "shared", "data"));
        for (Path candidate : candidates) {
            if (Files.isDirectory(candidate.resolve("real"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        return null;
    }

    @Test
    void realHeldOutFiguresDoNotRegress() throws Exception {
        Path data = locate();
        assumeTrue(data != null, "no shared/data/real beside the project (or $HELPLINE_REAL_DATA): "
                + "the real-data figures cannot be checked on this machine");
        Properties recorded = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/real-data-test-split.properties")) {
            assertTrue(in != null, "real-data-test-split.properties is missing: run scripts/evaluate");
            recorded.load(in);
        }
        RealRiskModel model = RealRiskModel.loadDefault();
        List<RealEvaluation.Row> rows = RealEvaluation.rows(model, RealData.load(data), RealData.Split.TEST);
        List<String> failures = new ArrayList<>();
        for (RealEvaluation.Row r : rows) {
            RealData.Source s = r.source();
            if (Double.isNaN(s.target()) || r.n() == 0) {
                continue;
            }
            double was = Double.parseDouble(recorded.getProperty(s.name(), Double.toString(s.target())));
            if (s.kind() == RealData.Kind.POSITIVE) {
                double floor = Math.min(s.target(), was) - SLACK;
                if (r.rate() < floor) {
                    failures.add(String.format(Locale.ROOT, "%s recall %.3f < %.3f", s.name(), r.rate(), floor));
                }
            } else {
                double ceiling = Math.max(s.target(), was) + SLACK;
                if (r.rate() > ceiling) {
                    failures.add(String.format(Locale.ROOT, "%s false alarms %.3f > %.3f", s.name(), r.rate(),
                            ceiling));
                }
            }
        }
        assertFalse(rows.isEmpty());
        assertTrue(failures.isEmpty(), "real held-out figures regressed: " + failures);
    }
}
