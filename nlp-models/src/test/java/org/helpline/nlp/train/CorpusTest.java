package org.helpline.nlp.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.helpline.nlp.Intent;
import org.helpline.nlp.TextNormaliser;
import org.junit.jupiter.api.Test;

/** The corpora are data the build depends on: check their shape, sizes and train/test separation. */
class CorpusTest {

    private static String key(Corpus.Example e) {
        return String.join(" ", TextNormaliser.normalisedTokens(e.text()));
    }

    @Test
    void testSetsNeverRepeatATrainingMessage() {
        for (Path dir : Corpus.languageDirectories(Corpus.locate())) {
            if (!LanguageEvaluation.hasTestSets(dir) || !Files.exists(dir.resolve(Corpus.INTENT_TRAIN))) {
                continue;
            }
            java.util.List<String> repeats = new java.util.ArrayList<>();
            Set<String> train = new HashSet<>();
            Corpus.read(dir.resolve(Corpus.INTENT_TRAIN), Corpus::isIntentLabel).forEach(e -> train.add(key(e)));
            Corpus.read(dir.resolve(Corpus.RISK_TRAIN), Corpus::isRiskLabel).forEach(e -> train.add(key(e)));
            for (String test : List.of(Corpus.INTENT_TEST, Corpus.RISK_TEST, Corpus.HARD_NEGATIVES)) {
                for (Corpus.Example e : Corpus.read(dir.resolve(test), l -> true)) {
                    if (train.contains(key(e))) {
                        repeats.add(dir.getFileName() + "/" + e.source());
                    }
                }
            }
            assertTrue(repeats.isEmpty(), "held-out messages that repeat a training message: " + repeats);
        }
    }

    @Test
    void englishCorpusHasTheSizesTheIssueAsks() {
        Path en = Corpus.locate().resolve("en");
        Map<String, Long> train = Corpus.read(en.resolve(Corpus.INTENT_TRAIN), Corpus::isIntentLabel).stream()
                .collect(Collectors.groupingBy(Corpus.Example::label, Collectors.counting()));
        Map<String, Long> test = Corpus.read(en.resolve(Corpus.INTENT_TEST), Corpus::isIntentLabel).stream()
                .collect(Collectors.groupingBy(Corpus.Example::label, Collectors.counting()));
        for (Intent intent : Intent.values()) {
            assertTrue(train.getOrDefault(intent.label(), 0L) >= 60, intent + " train " + train.get(intent.label()));
            assertTrue(test.getOrDefault(intent.label(), 0L) >= 20, intent + " test " + test.get(intent.label()));
        }
        Map<String, Long> risk = Corpus.read(en.resolve(Corpus.RISK_TEST), Corpus::isRiskLabel).stream()
                .collect(Collectors.groupingBy(Corpus.Example::label, Collectors.counting()));
        assertTrue(risk.get("high") + risk.get("imminent") >= 60, risk.toString());
        assertTrue(Corpus.read(en.resolve(Corpus.HARD_NEGATIVES), l -> l.equals("none") || l.equals("low")).size()
                >= 100);
    }

    @Test
    void badLabelsAreErrorsNamingTheLine() throws Exception {
        Path file = Files.createTempFile("corpus", ".tsv");
        Files.writeString(file, "# comment\ngreeting\thi\nnot_an_intent\thello\n");
        try {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> Corpus.read(file, Corpus::isIntentLabel));
            assertTrue(e.getMessage().contains(":3:"), e.getMessage());
        } finally {
            Files.delete(file);
        }
    }
}
