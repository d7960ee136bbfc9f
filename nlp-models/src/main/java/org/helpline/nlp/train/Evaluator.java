package org.helpline.nlp.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.helpline.nlp.KeywordClassifier;
import org.helpline.nlp.OpenNlpClassifier;
import org.helpline.nlp.OpenNlpRiskAssessor;

/**
 * Scores the shipped models on every language's held-out test sets and writes docs/nlp-evaluation.md.
 * <pre>java org.helpline.nlp.train.Evaluator CORPORA_DIR OUTPUT_MD</pre>
 */
public final class Evaluator {
    /** How the figures above are produced: written once here so the generated page always carries it. */
    static final String DECISIONS = """

            ## How a message is classified

            - **Normalisation first** (`TextNormaliser`, shared by training and serving): NFKC, lower case, no accents,
              letters repeated 3+ times squeezed, leetspeak undone, SMS shorthand and algospeak expanded (`kms` → kill
              myself, `unalive` → kill, `sewer slide` → suicide, `s/h` → self harm, `noods` → nude pictures, `u`, `ur`,
              `rn`, …), meaningful emoji turned into words (💊 pills, 🔪 knife, 💀 skull, 😭 crying), two idioms
              that only look risky rewritten: "dead" as an intensifier ("dead serious/tired/funny" → very) and the
              "myself" someone serves themselves ("cut myself a slice of cake" → cut a slice of cake).
            - **The curated models' features** (recorded by class name in each model's manifest): bag of words, word bigrams, character
              3–5-grams, negation scope (`neg=` on up to 4 words after not/never/don't/no…), a bias and a length bucket.
              L2-regularised maxent (L2 0.3, cutoff 1), chosen by 5-fold cross-validation on the training sets, and
              trained by L-BFGS **to convergence** (`ConvergedQnTrainer`): OpenNLP's own `MAXENT_QN` stops at the
              first iteration that gains less than 0.01%, which on our feature set left the risk model after 27
              iterations, far from its optimum, so that adding or removing one training line moved probabilities by
              up to 0.68. Converged, the same change moves them by at most 0.01.
            - **Risk from three parts** (`OpenNlpRiskAssessor`). The **real-text model** (`RealRiskModel`: a binary
              L2 maxent over hashed words, word bigrams and character 3–5-grams, unit length, learnt from real
              labelled text in `shared/data/` together with our English and Spanish `risk-train.tsv` corpora; an
              English message of more than 280 characters is also read by a sentence encoder, all-MiniLM-L6-v2, whose
              logistic regression has half the say) alone decides whether a
              message without a lexicon phrase is HIGH, at a threshold chosen on real dev data (one for SMS-sized
              messages, one for longer texts; see the real-data section). The **lexicon** (`keywords/{lang}.tsv`,
              every language's phrases on every message: en, es, fr, pt, sw, ar, hi) always means its tier whatever
              the models say; its `crisis` phrases (an explicit first-person statement: "want to die", "kms", "cut
              myself") also send the emergency numbers at once. The **curated four-tier model**'s LOW counts; its HIGH
              counts as HIGH when the real-text model's odds for the message are at least half those at its threshold,
              as LOW from 44% of them, and not at all below: trained on one author's text, it had learnt "i want", "now" and "rn" as risk.
              In a language the real-text model has never learnt risk from (French: `RealRiskModel.covers`), the
              curated model's HIGH counts on its own, and its own IMMINENT with a cue is IMMINENT: there is nothing to
              corroborate it with (see the language's note below for what that costs).
              A time word never raises the real-text evidence (the message is also scored without it). A message of one or two words is
              judged by the lexicon unless the real-text model is all but certain (≥ 0.95): "hi" is not a crisis.
            - **IMMINENT** means plan, means, timing or danger now: a lexicon IMMINENT phrase ("took the pills", "he
              is outside"), or a clearly HIGH message (a lexicon phrase, or P ≥ 0.5) with an imminence cue (`cue` lines: "tonight", "pills", "outside my
              house"). A time word alone never raises a tier; "rn" and "right now" are not cues.
            - **The conversation** accumulates: each message adds its real-text evidence above a neutral level, in
              log-odds, to a decaying score (`ConversationRisk`); at the limit the conversation is HIGH though no
              message alone was, with the reason "conversation: several messages together suggest risk".
            - **Negation:** a negated lexicon phrase ("i'm not going to kill myself") is downgraded to **LOW, never
              NONE**: someone who brings up suicide to deny it is still worth a counsellor's attention. The model
              sees negation too and may still say HIGH (a bare "im not going to kill myself" is HIGH today); with
              reassurance ("…i just had a bad day") it says low. The higher tier wins.
            - **Reported speech:** "my friend says she wants to die" is HIGH with `aboutThirdParty = true` (cue: my
              friend/sister/…, herself/himself, her life…), unless the writer's own risk is also there ("my friend
              told me to kill myself" is about the writer).
            - **Known gaps (hand-written sets):** the hard negatives still flagged are lexicon phrases inside song lyrics and game banter
              ("i wanna die in your arms", "who wants to die … first"), "kms" as a joke about homework (a lexicon
              phrase is never vetoed by the model: recall first) and "i'm gonna jump in the pool" (the model hears
              "i'm going to jump"); one author wrote train and test, and the training set was extended with the
              *kinds* of hard negative the models missed, so these held-out figures are optimistic (5-fold
              cross-validation on the training sets is printed by `CrossValidation`).
            """;

    private Evaluator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: Evaluator CORPORA_DIR OUTPUT_MD");
            System.exit(2);
        }
        Path corpora = Path.of(args[0]);
        OpenNlpClassifier classifier = OpenNlpClassifier.loadDefault();
        KeywordClassifier lexicon = new KeywordClassifier();
        List<LanguageEvaluation> results = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path dir : Corpus.languageDirectories(corpora)) {
            String lang = dir.getFileName().toString();
            if (!classifier.languages().contains(lang)) {
                skipped.add(lang + " (no trained model: rebuild nlp-models)");
                continue;
            }
            if (!LanguageEvaluation.hasTestSets(dir)) {
                skipped.add(lang + " (test sets missing)");
                continue;
            }
            LanguageEvaluation e = LanguageEvaluation.evaluate(classifier, lexicon, dir);
            results.add(e);
            print(e);
        }
        skipped.forEach(s -> System.out.println("[evaluate] SKIPPED " + s));
        Path out = Path.of(args[1]);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        // a language's own note on how its corpora were made and how far its figures go (corpora/{lang}/ABOUT.md)
        Map<String, String> notes = new LinkedHashMap<>();
        for (LanguageEvaluation e : results) {
            Path about = corpora.resolve(e.language()).resolve(ABOUT);
            if (Files.exists(about)) {
                notes.put(e.language(), Files.readString(about, StandardCharsets.UTF_8).strip());
            }
        }
        Files.writeString(out, markdown(results, skipped, notes), StandardCharsets.UTF_8);
        System.out.println("[evaluate] wrote " + out);
    }

    private static void print(LanguageEvaluation e) {
        System.out.println();
        System.out.println("=== " + e.language() + " ===");
        System.out.println(e.summaryLine());
        System.out.println("-- intent (held-out " + Corpus.INTENT_TEST + ")");
        System.out.print(e.intent().figuresTable());
        System.out.print(e.intent().matrixTable());
        System.out.println("-- risk (held-out " + Corpus.RISK_TEST + ", model + lexicon)");
        System.out.print(e.risk().figuresTable());
        System.out.print(e.risk().matrixTable());
        if (!e.hardNegativesFlaggedSources().isEmpty()) {
            System.out.println("-- hard negatives flagged HIGH+: " + String.join(", ", e.hardNegativesFlaggedSources()));
        }
    }

    /** A language directory's note, printed under its heading: how its corpora were made, what to trust. */
    static final String ABOUT = "ABOUT.md";

    static String markdown(List<LanguageEvaluation> results, List<String> skipped) {
        return markdown(results, skipped, Map.of());
    }

    static String markdown(List<LanguageEvaluation> results, List<String> skipped,
                           Map<String, String> notes) {
        StringBuilder b = new StringBuilder();
        b.append("# NLP evaluation (held-out test sets)\n\n")
                .append("Generated by `scripts/evaluate` (`org.helpline.nlp.train.Evaluator`) on ")
                .append(LocalDate.now()).append(". Do not edit by hand: rerun the script.\n\n")
                .append("The models are trained from `nlp-models/corpora/{lang}/*-train.tsv` and scored on the ")
                .append("separately written `intent-test.tsv`, `risk-test.tsv`, `hard-negatives.tsv` and ")
                .append("`out-of-scope.tsv`. Risk is the shipped decision (real-text model, lexicon and curated ")
                .append("model together, see \"How a message is classified\"). ")
                .append("\"HIGH+\" is the binary decision that sends a message to a counsellor (tier HIGH or ")
                .append("IMMINENT).\n\n## Summary\n\n")
                .append("| language | intent macro-F1 | intent accuracy | HIGH+ recall | HIGH+ precision | model-only ")
                .append("recall / precision | lexicon-only recall / precision | hard negatives flagged HIGH+ | ")
                .append("out-of-scope IMMINENT | language detection |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (LanguageEvaluation e : results) {
            b.append(String.format(Locale.ROOT,
                    "| %s | %.3f | %.3f | **%.3f** | **%.3f** | %.3f / %.3f | %.3f / %.3f | %d/%d (%.1f%%) | %d/%d | %.3f |%n",
                    e.language(), e.intent().macroF1(), e.intent().accuracy(), e.combined().recall(),
                    e.combined().precision(), e.modelOnly().recall(), e.modelOnly().precision(),
                    e.lexiconOnly().recall(), e.lexiconOnly().precision(), e.hardNegativesFlagged(),
                    e.hardNegatives(), 100 * e.hardNegativeRate(), e.outOfScopeImminent(), e.outOfScope(),
                    e.languageAccuracy()));
        }
        for (String s : skipped) {
            b.append("\nSkipped: ").append(s).append('\n');
        }
        b.append("\nFloors against regressions, not goals (checked by `HeldOutEvaluationTest` in every build; the ")
                .append("real text above is what counts): HIGH+ recall ≥ 0.93 and precision ≥ 0.80 in English, ")
                .append("recall ≥ 0.92 in every other language, hard negatives flagged HIGH+ ≤ 22% in English and ")
                .append("≤ 16% in the others, out-of-scope never IMMINENT, intent macro-F1 ≥ 0.85.\n\n")
                .append("Language detection: share of test messages (intent + risk) whose detected language is the ")
                .append("corpus language, with the contact's known language set to it (the production call).\n")
                .append(DECISIONS);
        for (LanguageEvaluation e : results) {
            b.append("\n## ").append(e.language()).append("\n\n");
            if (notes.containsKey(e.language())) {
                b.append(notes.get(e.language())).append("\n\n");
            }
            b.append("### Intent\n\n").append(e.intent().figuresTable())
                    .append("\nConfusion matrix (rows gold, columns predicted):\n\n").append(e.intent().matrixTable())
                    .append("\nIntent confidence threshold (`OpenNlpClassifier.RECOMMENDED_INTENT_THRESHOLD` = ")
                    .append(OpenNlpClassifier.RECOMMENDED_INTENT_THRESHOLD)
                    .append("): below it the dialogue asks a clarifying question.\n\n")
                    .append("| threshold | messages at or above | accuracy of those |\n|---:|---:|---:|\n");
            for (double[] t : e.thresholds()) {
                b.append(String.format(Locale.ROOT, "| %.2f | %.1f%% | %.3f |%n", t[0], 100 * t[1], t[2]));
            }
            b.append("\n### Risk\n\n").append(e.risk().figuresTable())
                    .append("\nConfusion matrix (rows gold, columns predicted):\n\n").append(e.risk().matrixTable());
            b.append("\nHard negatives flagged HIGH+: ").append(e.hardNegativesFlagged()).append('/')
                    .append(e.hardNegatives());
            if (!e.hardNegativesFlaggedSources().isEmpty()) {
                b.append(" (").append(String.join(", ", e.hardNegativesFlaggedSources())).append(')');
            }
            b.append(".\n");
        }
        return b.toString();
    }
}
