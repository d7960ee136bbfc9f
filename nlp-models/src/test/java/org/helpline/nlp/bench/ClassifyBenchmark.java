package org.helpline.nlp.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.helpline.nlp.Classification;
import org.helpline.nlp.IntentPrediction;
import org.helpline.nlp.LanguageGuess;
import org.helpline.nlp.OpenNlpClassifier;
import org.helpline.nlp.RiskAssessment;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Time to classify one message: language + intent + risk (the gateway's one call), and each part alone. Messages
 * rotate through a realistic mix (short, long, risky, everyday). Run by {@code scripts/bench-nlp}; goal ≤ 50 µs
 * median for {@link #classify}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ClassifyBenchmark {
    static final List<String> MESSAGES = List.of(
            "hi",
            "can i talk to someone please",
            "people in my class keep posting mean stuff about me in the group chat and i dont know what to do",
            "i have the pills here and im doing it tonight",
            "my friend says she wants to die",
            "he said he will send my pics to everyone unless i pay 😭",
            "this game is killing me lol 💀",
            "someone hacked my insta and changed my password",
            "my stepdad hits me when mum is at work",
            "thanks for listening bye",
            "how do i make my tiktok private",
            "im not going to kill myself i just feel really low today");

    @State(Scope.Benchmark)
    public static class Loaded {
        OpenNlpClassifier classifier;

        @Setup
        public void load() {
            classifier = OpenNlpClassifier.loadDefault();
        }
    }

    @State(Scope.Thread)
    public static class Cursor {
        int next;

        String message() {
            String m = MESSAGES.get(next);
            next = (next + 1) % MESSAGES.size();
            return m;
        }
    }

    @Benchmark
    public Classification classify(Loaded loaded, Cursor cursor) {
        return loaded.classifier.classify(cursor.message(), "en");
    }

    @Benchmark
    public LanguageGuess languageOnly(Loaded loaded, Cursor cursor) {
        return loaded.classifier.languageDetector().detect(cursor.message(), "en");
    }

    @Benchmark
    public IntentPrediction intentOnly(Loaded loaded, Cursor cursor) {
        return loaded.classifier.intentClassifier().predict(cursor.message(), "en");
    }

    @Benchmark
    public RiskAssessment riskOnly(Loaded loaded, Cursor cursor) {
        return loaded.classifier.riskAssessor().assess(cursor.message(), "en");
    }
}
