package org.helpline.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.helpline.dialogue.flow.FlowLoader;
import org.helpline.nlp.KeywordClassifier;
import org.helpline.nlp.MessageClassifier;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden transcripts: each file under {@code src/test/resources/golden} is a conversation with the bot's exact
 * replies and events. Lines: {@code > text} the young person writes ({@code > [media:N] text} with attachments),
 * {@code < text} a reply ({@code \n} for a line break), {@code ! Event[...]} an event, {@code @ +PT31M} time passes,
 * {@code = name=value; name=value} placeholder values the gateway would give from then on (e.g.
 * {@code = position=3; minutes=12}: the place in line and the recent wait; a bare {@code =} clears them),
 * {@code % name=value} a reply placeholder's value from then on ({@code % helpline=}: unknown, as for a country
 * without one; the default is 112 and 116 111), {@code # comment}; each message's own language is told by the real
 * detector, as in the service. Before every message the session is round-tripped through its stored form, as the gateway
 * stores it, so persistence cannot drift. Run with {@code -Dgolden.update=true} to rewrite the files from the
 * engine's output (then read the diff).
 */
class GoldenTranscriptTest {
    private static final Path DIR = Path.of("src/test/resources/golden");
    private static final Instant T0 = Instant.parse("2026-03-02T16:00:00Z");
    private static final Map<String, String> VARS = Map.of("emergency", "112", "helpline", "116 111");

    private final Engine engine = new Engine(FlowLoader.fromClasspath());
    private final MessageClassifier classifier = new KeywordClassifier();
    /** The real detector tells each message's own language, as in the service (the lexicon classifier does not). */
    private static final org.helpline.nlp.OpenNlpLanguageDetector DETECTOR =
            org.helpline.nlp.OpenNlpLanguageDetector.load(FlowLoader.fromClasspath().languages());

    @TestFactory
    Stream<DynamicTest> transcripts() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        assertTrue(files.size() >= 7, "a golden transcript per flow");
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> run(f)));
    }

    private void run(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> actual = new ArrayList<>();
        Session session = engine.newSession("en");
        Instant now = T0;
        Map<String, String> vars = new java.util.HashMap<>(VARS);
        for (String line : lines) {
            if (line.startsWith("< ") || line.startsWith("! ")) {
                continue; // expectations: compared as a whole below
            }
            actual.add(line);
            if (line.startsWith("% ")) {
                String[] nv = line.substring(2).split("=", 2);
                vars.put(nv[0].trim(), nv.length > 1 ? nv[1].trim() : "");
            } else if (line.equals("=") || line.startsWith("= ")) {
                vars = new java.util.HashMap<>(VARS);
                for (String pair : line.substring(1).split(";")) {
                    if (!pair.isBlank()) {
                        vars.put(pair.substring(0, pair.indexOf('=')).trim(), pair.substring(pair.indexOf('=') + 1));
                    }
                }
            } else if (line.startsWith("@ +")) {
                now = now.plus(Duration.parse(line.substring(3).trim()));
            } else if (line.startsWith("> ")) {
                String text = line.substring(2);
                int media = 0;
                if (text.startsWith("[media:")) {
                    media = Integer.parseInt(text.substring(7, text.indexOf(']')));
                    text = text.substring(text.indexOf(']') + 1).stripLeading();
                }
                now = now.plusSeconds(60);
                session = Session.fromMap(session.toMap()); // as stored and read back by the gateway
                org.helpline.nlp.Classification c = classifier.classify(text, session.language());
                c = new org.helpline.nlp.Classification(c.language(), c.intent(), c.intentConfidence(), c.risk(),
                        DETECTOR.written(org.helpline.nlp.TextNormaliser.normalise(text)));
                Step step = engine.resume(session, new Input(text, media, now, c, vars));
                step.replies().forEach(r -> actual.add("< " + r.replace("\n", "\\n")));
                step.events().forEach(e -> actual.add("! " + e));
                session = step.session();
            }
        }
        if (Boolean.getBoolean("golden.update")) {
            Files.write(file, actual, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(String.join("\n", lines), String.join("\n", actual), "transcript " + file.getFileName());
    }
}
