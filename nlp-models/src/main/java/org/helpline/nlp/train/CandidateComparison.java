package org.helpline.nlp.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.helpline.nlp.OpenNlpClassifier;
import org.helpline.nlp.RealRiskModel;
import org.helpline.nlp.RiskTier;

/**
 * Compares a candidate's risk assessment with the shipped one before anyone ships it ({@code scripts/evaluate
 * --candidate}): HIGH+ recall on every positive set and the false-alarm rate on every negative set, for the real
 * data's test split of each source (when the data is present), each language's hand-written test set and hard
 * negatives, and the counsellors' held-back feedback. A candidate whose HIGH+ recall is lower than the shipped
 * models' on any set is refused: missing a crisis is the worst failure, and a gain elsewhere does not pay for it.
 *
 * <pre>java org.helpline.nlp.train.CandidateComparison CORPORA_DIR CANDIDATE_DIR FEEDBACK_DIR [DATA_ROOT] [--out FILE]</pre>
 * Exit 0: the candidate may ship; 1: refused (the sets whose recall dropped are named); 2: usage or input error.
 */
public final class CandidateComparison {
    /** What a set measures: recall on crises, false alarms on ordinary text, or the topic (intent) right. */
    public enum Measure { RECALL, FALSE_ALARMS, INTENT_RIGHT }

    /** One set: how many of its {@code n} messages each model flags HIGH+ (or, for intent, gets right). */
    public record Row(String set, Measure measure, int n, int current, int candidate) {
        public boolean dropped() {
            return measure == Measure.RECALL && candidate < current;
        }
    }

    /** The comparison; {@link #refused()} when recall dropped on any set. */
    public record Result(List<Row> rows) {
        public boolean refused() {
            return rows.stream().anyMatch(Row::dropped);
        }

        public List<Row> dropped() {
            return rows.stream().filter(Row::dropped).toList();
        }

        public String markdown() {
            StringBuilder b = new StringBuilder("| set | measure | n | shipped | candidate |\n|---|---|---:|---:|---:|\n");
            for (Row r : rows) {
                b.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s%s |%n", r.set(),
                        switch (r.measure()) {
                            case RECALL -> "HIGH+ recall";
                            case FALSE_ALARMS -> "false alarms";
                            case INTENT_RIGHT -> "topic right";
                        }, r.n(),
                        pct(r.current(), r.n()), pct(r.candidate(), r.n()), r.dropped() ? " **(drops)**" : ""));
            }
            return b.toString();
        }
    }

    private CandidateComparison() {
    }

    public static void main(String[] args) throws IOException {
        List<String> positional = new ArrayList<>();
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) {
                out = Path.of(args[++i]);
            } else {
                positional.add(args[i]);
            }
        }
        if (positional.size() < 3 || positional.size() > 4) {
            System.err.println("usage: CandidateComparison CORPORA_DIR CANDIDATE_DIR FEEDBACK_DIR [DATA_ROOT] [--out FILE]");
            System.exit(2);
        }
        Path corpora = Path.of(positional.get(0));
        Path candidateDir = Path.of(positional.get(1));
        Path feedback = Path.of(positional.get(2));
        RealData data = null;
        if (positional.size() == 4 && Files.isDirectory(Path.of(positional.get(3)).resolve("real"))) {
            data = RealData.load(Path.of(positional.get(3)));
        } else {
            System.err.println("[evaluate] no real data: the candidate is compared on the hand-written test sets and "
                    + "the held-back feedback only");
        }
        if (!Files.exists(candidateDir.resolve("languages.txt"))) {
            System.err.println("[evaluate] no candidate at " + candidateDir + " (scripts/train --with-feedback writes one)");
            System.exit(2);
        }
        RealRiskModel real = RealRiskModel.loadDefault();
        Result result = compare(OpenNlpClassifier.loadDefault(real), OpenNlpClassifier.load(candidateDir, real),
                corpora, Feedback.read(feedback), data);
        String table = result.markdown();
        System.out.print(table);
        if (out != null) {
            Files.writeString(out, "# Candidate vs shipped risk assessment\n\nCandidate: `" + candidateDir
                    + "`; feedback: `" + feedback + "`.\n\n" + table + "\n"
                    + (result.refused() ? "REFUSED: HIGH+ recall drops.\n" : "Accepted: no HIGH+ recall drops.\n"),
                    StandardCharsets.UTF_8);
        }
        if (result.refused()) {
            StringBuilder why = new StringBuilder("[evaluate] REFUSED: the candidate must not ship, its HIGH+ recall "
                    + "drops on");
            for (Row r : result.dropped()) {
                why.append(String.format(Locale.ROOT, " %s (%s -> %s)", r.set(), pct(r.current(), r.n()),
                        pct(r.candidate(), r.n())));
            }
            System.err.println(why);
            System.exit(1);
        }
        System.err.println("[evaluate] accepted: the candidate's HIGH+ recall drops on no set");
    }

    /** Scores both classifiers on every set; {@code data} may be null (no real data on this machine). */
    public static Result compare(OpenNlpClassifier current, OpenNlpClassifier candidate, Path corpora,
                                 Map<String, Feedback.Language> feedback, RealData data) {
        List<Row> rows = new ArrayList<>();
        if (data != null) {
            for (RealData.Source s : RealData.SOURCES) {
                if (s.kind() == RealData.Kind.REPORT_ONLY) {
                    continue;
                }
                List<RealData.Sample> samples = data.samples(s, RealData.Split.TEST);
                rows.add(new Row("real: " + s.name(),
                        s.kind() == RealData.Kind.POSITIVE ? Measure.RECALL : Measure.FALSE_ALARMS, samples.size(),
                        realFlagged(current, s, samples), realFlagged(candidate, s, samples)));
            }
        }
        for (String language : current.languages()) {
            Path dir = corpora.resolve(language);
            if (Files.exists(dir.resolve(Corpus.RISK_TEST))) {
                List<Corpus.Example> test = Corpus.read(dir.resolve(Corpus.RISK_TEST), Corpus::isRiskLabel);
                rows.add(row("hand-written " + language, Measure.RECALL, language, positives(test, true), current,
                        candidate));
            }
            if (Files.exists(dir.resolve(Corpus.HARD_NEGATIVES))) {
                rows.add(row("hard negatives " + language, Measure.FALSE_ALARMS, language,
                        Corpus.read(dir.resolve(Corpus.HARD_NEGATIVES), l -> true), current, candidate));
            }
            Feedback.Language f = feedback.get(language);
            if (f != null && !f.intentHeldBack().isEmpty()) {
                rows.add(new Row("feedback " + language, Measure.INTENT_RIGHT, f.intentHeldBack().size(),
                        intentRight(current, f.intentHeldBack(), language),
                        intentRight(candidate, f.intentHeldBack(), language)));
            }
            if (f != null && !f.heldBack().isEmpty()) {
                rows.add(row("feedback " + language, Measure.RECALL, language, positives(f.heldBack(), true), current,
                        candidate));
                rows.add(row("feedback " + language, Measure.FALSE_ALARMS, language, positives(f.heldBack(), false),
                        current, candidate));
            }
        }
        return new Result(rows.stream().filter(r -> r.n() > 0).toList());
    }

    private static List<Corpus.Example> positives(List<Corpus.Example> examples, boolean positive) {
        Predicate<Corpus.Example> high = e -> e.label().equals("high") || e.label().equals("imminent");
        return examples.stream().filter(positive ? high : high.negate()).toList();
    }

    private static Row row(String set, Measure measure, String language, List<Corpus.Example> examples,
                           OpenNlpClassifier current, OpenNlpClassifier candidate) {
        return new Row(set, measure, examples.size(), flagged(current, examples, language),
                flagged(candidate, examples, language));
    }

    private static int flagged(OpenNlpClassifier classifier, List<Corpus.Example> examples, String language) {
        int n = 0;
        for (Corpus.Example e : examples) {
            n += classifier.classify(e.text(), language).risk().tier().atLeast(RiskTier.HIGH) ? 1 : 0;
        }
        return n;
    }

    private static int intentRight(OpenNlpClassifier classifier, List<Corpus.Example> examples, String language) {
        int n = 0;
        for (Corpus.Example e : examples) {
            n += classifier.intentClassifier().predict(e.text(), language).intent().label().equals(e.label()) ? 1 : 0;
        }
        return n;
    }

    private static int realFlagged(OpenNlpClassifier classifier, RealData.Source source,
                                   List<RealData.Sample> samples) {
        RealEvaluation.Row r = RealEvaluation.row(source, RealEvaluation.score(classifier.riskAssessor(), samples),
                classifier.riskAssessor().realModel());
        return r.flagged();
    }

    static String pct(int k, int n) {
        return n == 0 ? "–" : String.format(Locale.ROOT, "%.1f%% (%d/%d)", 100.0 * k / n, k, n);
    }
}
