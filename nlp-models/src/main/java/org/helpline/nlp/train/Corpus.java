package org.helpline.nlp.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.helpline.nlp.Intent;

/**
 * One corpus file: {@code label<TAB>text}, one message a line, UTF-8, {@code #} comment lines and blank lines
 * allowed. The layout of a language directory ({@code nlp-models/corpora/{lang}/}):
 * <pre>
 * intent-train.tsv, intent-test.tsv   labels = Intent labels
 * risk-train.tsv, risk-test.tsv       labels = none|low|high|imminent
 * hard-negatives.tsv                  expected tier (none|low) of messages that only look risky
 * out-of-scope.tsv                    (optional) unrelated requests, label none: must never be IMMINENT
 * </pre>
 */
public final class Corpus {
    public static final String INTENT_TRAIN = "intent-train.tsv";
    public static final String INTENT_TEST = "intent-test.tsv";
    public static final String RISK_TRAIN = "risk-train.tsv";
    public static final String RISK_TEST = "risk-test.tsv";
    public static final String HARD_NEGATIVES = "hard-negatives.tsv";
    public static final String OUT_OF_SCOPE = "out-of-scope.tsv";
    public static final Set<String> RISK_LABELS = Set.of("none", "low", "high", "imminent");

    /** One labelled message and where it came from (file:line), for error messages. */
    public record Example(String label, String text, String source) {
    }

    private Corpus() {
    }

    /** Reads a corpus file, checking every label with {@code validLabel}; a bad line is an error naming file:line. */
    public static List<Example> read(Path file, Predicate<String> validLabel) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read corpus " + file, e);
        }
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String where = file.getFileName() + ":" + (i + 1);
            int tab = line.indexOf('\t');
            if (tab <= 0 || tab == line.length() - 1) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected label<TAB>text");
            }
            String label = line.substring(0, tab).trim();
            if (!validLabel.test(label)) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": unknown label '" + label + "'");
            }
            examples.add(new Example(label, line.substring(tab + 1).trim(), where));
        }
        return examples;
    }

    public static boolean isIntentLabel(String label) {
        try {
            return Intent.fromLabel(label).label().equals(label);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static boolean isRiskLabel(String label) {
        return RISK_LABELS.contains(label);
    }

    /** The language directories under {@code corpora} (two-letter names), sorted. */
    public static List<Path> languageDirectories(Path corpora) {
        try (Stream<Path> dirs = Files.list(corpora)) {
            return dirs.filter(Files::isDirectory)
                    .filter(d -> d.getFileName().toString().matches("[a-z]{2}"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + corpora, e);
        }
    }

    /** Finds the corpora directory from the working directory (the repository root or the nlp-models module). */
    public static Path locate() {
        String configured = System.getProperty("nlp.corpora.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path candidate : List.of(Path.of("corpora"), Path.of("nlp-models", "corpora"))) {
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find the corpora directory (set -Dnlp.corpora.dir)");
    }
}
