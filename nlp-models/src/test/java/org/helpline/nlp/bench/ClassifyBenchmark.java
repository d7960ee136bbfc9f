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

    /**
     * Messages of more than 280 characters (a concatenated SMS, a WhatsApp message): the ones the sentence encoder
     * reads. Written for the benchmark.
     */
    static final List<String> LONG_MESSAGES = List.of(
            "i dont even know why im writing this. everything at school has gone wrong since the summer, the girls "
                    + "in my year made a group chat about me and they screenshot everything i post. i stopped going "
                    + "to lunch and i sit in the library. my mum thinks im fine. i just feel so tired all the time "
                    + "and i dont see the point of anything anymore",
            "so basically my older cousin has been messaging me on insta for a few weeks and at first it was fine "
                    + "but now he keeps asking for pictures and says if i dont send them he will tell everyone what i "
                    + "said to him. i deleted the app but he has my number now and he keeps texting. i dont know "
                    + "who to tell because my parents will kill me",
            "ok so this weekend was actually so good. we went to the lake with my cousins and my uncle let me drive "
                    + "the boat for like ten minutes, then we had a barbecue and played cards until really late. "
                    + "monday is going to hurt because we have a maths test and i did not study at all, but honestly "
                    + "it was worth it");

    /**
     * SMS-sized messages near the short threshold with no lexicon phrase: the ones the sentence encoder also reads
     * (a few in a hundred of everyday messages). Written for the benchmark.
     */
    static final List<String> BORDERLINE_MESSAGES = List.of(
            "i just want it all to stop",
            "i think about not being here",
            "i feel kind of lost",
            "people in my class keep posting mean stuff about me in the group chat and i dont know what to do");

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

        List<String> messages() {
            return MESSAGES;
        }

        String message() {
            String m = messages().get(next);
            next = (next + 1) % messages().size();
            return m;
        }
    }

    @Benchmark
    public Classification classify(Loaded loaded, Cursor cursor) {
        return loaded.classifier.classify(cursor.message(), "en");
    }

    @State(Scope.Thread)
    public static class LongCursor extends Cursor {
        @Override
        List<String> messages() {
            return LONG_MESSAGES;
        }
    }

    @State(Scope.Thread)
    public static class BorderlineCursor extends Cursor {
        @Override
        List<String> messages() {
            return BORDERLINE_MESSAGES;
        }
    }

    /** A borderline SMS-sized message: the short-message encoder's cost (one message in {@link #classify}'s mix). */
    @Benchmark
    public Classification classifyBorderline(Loaded loaded, BorderlineCursor cursor) {
        return loaded.classifier.classify(cursor.message(), "en");
    }

    /** A long message: the sentence encoder's cost (it is not in {@link #classify}'s SMS-sized mix). */
    @Benchmark
    public Classification classifyLong(Loaded loaded, LongCursor cursor) {
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
