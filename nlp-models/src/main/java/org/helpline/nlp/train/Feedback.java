package org.helpline.nlp.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Counsellor-labelled messages exported by the gateway ({@code scripts/export-training}), in the corpus format:
 * <pre>
 * FEEDBACK_DIR/{lang}/risk-feedback-train.tsv     label&lt;TAB&gt;message, label none|low|high|imminent
 * FEEDBACK_DIR/{lang}/risk-feedback-heldback.tsv  the same, held back: never trains a candidate, only scores it
 * FEEDBACK_DIR/{lang}/intent-feedback-{train,heldback}.tsv  intent&lt;TAB&gt;message, the messages given a topic
 * </pre>
 * The gateway chooses the split (a keyed hash of each message's id), so a message stays on its side from one export
 * to the next.
 */
public final class Feedback {
    public static final String TRAIN = "risk-feedback-train.tsv";
    public static final String HELD_BACK = "risk-feedback-heldback.tsv";
    public static final String INTENT_TRAIN = "intent-feedback-train.tsv";
    public static final String INTENT_HELD_BACK = "intent-feedback-heldback.tsv";

    /** One language's feedback: risk labels, and intent labels for the messages a counsellor gave a topic. */
    public record Language(String language, List<Corpus.Example> train, List<Corpus.Example> heldBack,
                           List<Corpus.Example> intentTrain, List<Corpus.Example> intentHeldBack) {
    }

    private Feedback() {
    }

    /** Every language directory of an export, sorted; a missing file reads as no examples. */
    public static Map<String, Language> read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no feedback export at " + dir);
        }
        Map<String, Language> out = new LinkedHashMap<>();
        for (Path lang : Corpus.languageDirectories(dir)) {
            String language = lang.getFileName().toString();
            out.put(language, new Language(language, file(lang.resolve(TRAIN), Corpus::isRiskLabel),
                    file(lang.resolve(HELD_BACK), Corpus::isRiskLabel),
                    file(lang.resolve(INTENT_TRAIN), Corpus::isIntentLabel),
                    file(lang.resolve(INTENT_HELD_BACK), Corpus::isIntentLabel)));
        }
        return out;
    }

    private static List<Corpus.Example> file(Path f, java.util.function.Predicate<String> validLabel) {
        return Files.exists(f) ? Corpus.read(f, validLabel) : List.of();
    }

    /** sha256 of every file of the export (relative path → hex), for the candidate's manifest. */
    public static Map<String, String> digests(Path dir) {
        Map<String, String> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> sorted = new ArrayList<>(files.filter(Files::isRegularFile).sorted().toList());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path f : sorted) {
                out.put(dir.relativize(f).toString(), HexFormat.of().formatHex(sha.digest(Files.readAllBytes(f))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
