package org.helpline.nlp.train;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import opennlp.tools.doccat.DoccatModel;
import org.helpline.nlp.ModelResources;

/**
 * Trains candidate models with the counsellors' feedback ({@code scripts/train --with-feedback}): each shipped
 * language's risk model from its curated corpus plus the feedback's train split, and its intent model the same way
 * when counsellors gave topics (the shipped intent model, copied, when they gave none). The candidate goes to its own directory, never over the shipped models:
 * {@link CandidateComparison} decides whether it may ship.
 *
 * <pre>java org.helpline.nlp.train.FeedbackTrainer CORPORA_DIR FEEDBACK_DIR CANDIDATE_DIR</pre>
 */
public final class FeedbackTrainer {
    public static final String MANIFEST = "candidate.properties";

    /** What was trained: per language, the curated and feedback example counts. */
    public record Trained(Path directory, Map<String, int[]> counts) {
    }

    private FeedbackTrainer() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: FeedbackTrainer CORPORA_DIR FEEDBACK_DIR CANDIDATE_DIR");
            System.exit(2);
        }
        Trained t;
        try {
            t = train(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
        } catch (IllegalArgumentException e) {
            System.err.println("[train] " + e.getMessage());
            System.exit(2);
            return;
        }
        t.counts().forEach((lang, c) -> System.out.printf("[train] %s risk: %d curated + %d feedback messages%n",
                lang, c[0], c[1]));
        System.out.println("[train] candidate -> " + t.directory()
                + "; compare it before shipping: scripts/evaluate --candidate " + t.directory() + " --feedback "
                + args[1]);
    }

    public static Trained train(Path corpora, Path feedbackDir, Path out) throws IOException {
        Map<String, Feedback.Language> feedback = Feedback.read(feedbackDir);
        List<String> languages = ModelResources.trainedLanguages();
        for (String language : feedback.keySet()) {
            if (!languages.contains(language)) {
                System.err.println("[train] feedback in " + language + " is left out: no model ships for it");
            }
        }
        Map<String, int[]> counts = new java.util.LinkedHashMap<>();
        Files.createDirectories(out);
        for (String language : languages) {
            Path dir = out.resolve(language);
            Files.createDirectories(dir);
            Feedback.Language f = feedback.get(language);
            if (f == null || f.intentTrain().isEmpty()) {
                copy(ModelResources.intent(language), dir.resolve("intent.bin"));
            } else {
                List<Corpus.Example> intents = new ArrayList<>(Corpus.read(
                        corpora.resolve(language).resolve(Corpus.INTENT_TRAIN), Corpus::isIntentLabel));
                intents.addAll(f.intentTrain());
                write(Trainer.train(language, intents), dir.resolve("intent.bin"));
            }
            List<Corpus.Example> examples = new ArrayList<>(
                    Corpus.read(corpora.resolve(language).resolve(Corpus.RISK_TRAIN), Corpus::isRiskLabel));
            int curated = examples.size();
            if (f != null) {
                examples.addAll(f.train());
            }
            write(Trainer.train(language, examples), dir.resolve("risk.bin"));
            counts.put(language, new int[] {curated, examples.size() - curated});
        }
        Files.writeString(out.resolve("languages.txt"), String.join("\n", languages) + "\n", StandardCharsets.UTF_8);
        Properties manifest = new Properties();
        manifest.setProperty("trained.at", Instant.now().toString());
        manifest.setProperty("features", System.getProperty("nlp.features", "bow,bigram,char,neg,shape"));
        Feedback.digests(feedbackDir).forEach((file, sha) -> manifest.setProperty("feedback.sha256." + file, sha));
        counts.forEach((lang, c) -> {
            manifest.setProperty("risk." + lang + ".curated", Integer.toString(c[0]));
            manifest.setProperty("risk." + lang + ".feedback", Integer.toString(c[1]));
        });
        try (OutputStream o = Files.newOutputStream(out.resolve(MANIFEST))) {
            manifest.store(o, "candidate models trained with counsellor feedback (FeedbackTrainer)");
        }
        return new Trained(out, counts);
    }

    private static void write(DoccatModel model, Path file) throws IOException {
        try (OutputStream o = Files.newOutputStream(file)) {
            model.serialize(o);
        }
    }

    private static void copy(String resource, Path to) throws IOException {
        try (InputStream in = FeedbackTrainer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException(resource + " is missing from the classpath"));
            }
            Files.copy(in, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
