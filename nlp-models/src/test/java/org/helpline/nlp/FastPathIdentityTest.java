package org.helpline.nlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import opennlp.tools.doccat.FeatureGenerator;
import org.helpline.nlp.features.FeatureSink;
import org.helpline.nlp.features.StreamingFeatureGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The serving fast paths against the straightforward reference they replace, on every message of every corpus file
 * (train and test, every language): they must give the very same doubles, so no prediction can change.
 */
class FastPathIdentityTest {
    private static OpenNlpClassifier classifier;
    private static List<String[]> messages;

    @BeforeAll
    static void load() throws IOException {
        classifier = OpenNlpClassifier.loadDefault();
        messages = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("corpora"))) {
            files = walk.filter(p -> p.toString().endsWith(".tsv")).sorted().toList();
        }
        for (Path file : files) {
            String language = file.getParent().getFileName().toString();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    messages.add(new String[] {line.substring(line.indexOf('\t') + 1), language});
                }
            }
        }
    }

    @Test
    void streamedFeaturesAreTheGeneratorsOwn() {
        for (String language : classifier.languages()) {
            for (FeatureGenerator generator : classifier.intentClassifier().model(language).model().getFactory()
                    .getFeatureGenerators()) {
                if (!(generator instanceof StreamingFeatureGenerator streaming)) {
                    continue;
                }
                for (String[] m : messages) {
                    String[] tokens = TextNormaliser.normalisedTokens(m[0]);
                    List<String> streamed = new ArrayList<>();
                    streaming.emitFeatures(tokens, new FeatureSink() {
                        @Override
                        protected void accept(char[] chars, int length) {
                            streamed.add(new String(chars, 0, length));
                        }
                    });
                    assertEquals(List.copyOf(generator.extractFeatures(tokens, Map.of())), streamed,
                            generator.getClass().getSimpleName() + " on " + m[1] + ": " + m[0]);
                }
            }
        }
    }

    @Test
    void doccatProbabilitiesAreDocumentCategorizerMEs() {
        for (String language : classifier.languages()) {
            for (Categorizer model : List.of(classifier.intentClassifier().model(language),
                    classifier.riskAssessor().model(language))) {
                for (String[] m : messages) {
                    String[] tokens = TextNormaliser.normalisedTokens(m[0]);
                    assertArrayEquals(model.referenceProbabilities(tokens), model.probabilities(tokens), 0.0,
                            language + ": " + m[0]);
                }
            }
        }
    }

    @Test
    void languageCleaningIsTheRegexOne() {
        List<String> texts = new ArrayList<>(messages.stream().map(m -> m[0]).toList());
        texts.addAll(List.of("", " ", "  a  b\t\nc ", "@user hi", "see http://x.y/z ok", "it's 'quoted'",
                "x\uD800y", "😭😭 help", "e\u0301", "١٢٣ abc", "ǅ ʰ 日本", "\u0001a\u0000b\u001F"));
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            texts.add("a" + Character.toString(cp) + "b " + Character.toString(cp));
        }
        for (String text : texts) {
            assertEquals(OpenNlpLanguageDetector.referenceClean(text), OpenNlpLanguageDetector.clean(text), text);
        }
    }

    @Test
    void classifysLanguageIsDetects() {
        OpenNlpLanguageDetector detector = classifier.languageDetector();
        List<String> texts = new ArrayList<>(messages.stream().map(m -> m[0]).toList());
        texts.addAll(List.of("mes amis publient des choses méchantes sur moi dans le groupe",
                "meine freunde posten gemeine sachen über mich in der gruppe",
                "meus amigos continuam postando coisas maldosas sobre mim no grupo",
                "мои друзья пишут гадости обо мне в группе", "友達がグループで私の悪口を書いている",
                "hola my friend, no se what to do con mi hermano he keeps hitting me",
                "a".repeat(300), "zzzz qqqq xxxx wwww", "https://example.org @someone 12345 lol ok ok ok ok"));
        int asked = 0;
        int full = 0;
        for (String text : texts) {
            for (String known : java.util.Arrays.asList(null, "en", "es", "fr")) {
                assertEquals(detector.detect(text, known).language(), detector.language(text, known),
                        known + ": " + text);
                String clean = OpenNlpLanguageDetector.clean(text);
                if (clean.chars().filter(Character::isLetter).count() >= OpenNlpLanguageDetector.MIN_LETTERS) {
                    asked++;
                    full += detector.fastLanguage(clean, "fr".equals(known) ? null : known) == null ? 1 : 0;
                }
            }
        }
        System.out.printf("language: %d of %d decisions needed the full computation%n", full, asked);
        assertTrue(full * 20 < asked, full + " of " + asked + " decisions needed the full computation");
    }
}
