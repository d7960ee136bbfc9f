package org.helpline.nlp.train;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import opennlp.tools.ml.AbstractEventTrainer;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Event;
import opennlp.tools.ml.model.GenericModelWriter;
import opennlp.tools.util.CollectionObjectStream;
import opennlp.tools.util.TrainingParameters;
import org.helpline.nlp.RealRiskModel;
import org.helpline.nlp.TextNormaliser;
import org.helpline.nlp.features.HashedFeatures;
import org.helpline.nlp.features.SentenceEncoder;

/**
 * Trains the real-text risk model ({@link RealRiskModel}) on the train split of every trainable real source
 * ({@link RealData}) together with the helpline-style risk corpora we wrote ({@code corpora/{lang}/risk-train.tsv}:
 * high and imminent are positives, none and low negatives), chooses its two thresholds on the dev split
 * ({@link RealEvaluation#chooseThresholds}), and writes the model and its manifest into the source tree, where they
 * are committed: a machine without the data still builds and serves the same model.
 *
 * <pre>java org.helpline.nlp.train.RealRiskTrainer CORPORA_DIR DATA_ROOT OUT_DIR</pre>
 */
public final class RealRiskTrainer {
    /**
     * L2 cost (OpenNLP's QN objective sums over events). This and the three choices below were made on the dev
     * split (docs/nlp-evaluation.md, "Choices"); the {@code nlp.real.*} properties exist for such experiments only.
     */
    static final double L2 = Double.parseDouble(System.getProperty("nlp.real.l2", "0.1"));
    /** The helpline-style messages count this many times: they are the kind of text the helpline receives. */
    static final int CURATED_COPIES = Integer.getInteger("nlp.real.curated", 2);
    /** Copies of each positive real text (the positives are ~15% of the texts). */
    static final int POSITIVE_COPIES = Integer.getInteger("nlp.real.positive", 3);
    /**
     * SMS-sized fragments of long negative texts also train (ordinary chat cut as it would be texted). Fragments of
     * positive posts do not ({@link #POSITIVE_FRAGMENTS} was measured): most sentences of a suicidal post are not
     * themselves a crisis ("hi everyone."), and as positives they taught the model that greetings are.
     */
    static final boolean FRAGMENTS = Boolean.parseBoolean(System.getProperty("nlp.real.fragments", "true"));

    /**
     * Experiment switch ({@code nlp.real.posfrag}, off): the SMS-sized fragments of long positive posts (train split)
     * that say, in the first person, something of death or ending ({@link #crisisFragment}: "i just want to die")
     * also train as positives, this many times each. Measured 2026-12-02 and not kept: on the real test split it
     * raised r/SuicideWatch 81.3% → 84.8%, suicidal tweets 85.4% → 87.9%, SDCNL 82.5% → 86.4% (titles 54.9% both,
     * r/teenagers 8.1% → 8.6%, Spanish 84.4% → 77.8%), but the dev ceilings then raised the short threshold
     * 0.28 → 0.36, and the hand-written high-risk messages (all SMS-sized) fell below their floors: HIGH+ recall
     * en 0.944 → 0.900, es 0.926 → 0.898.
     */
    static final int POSITIVE_FRAGMENTS = Integer.getInteger("nlp.real.posfrag", 0);
    /**
     * Experiment switch ({@code nlp.real.es}): copies of each Spanish real text (train split). Three copies were
     * measured and not kept: dev Spanish recall and false alarms at every threshold within a text or two of one copy.
     */
    static final int SPANISH_COPIES = Integer.getInteger("nlp.real.es", 1);

    /**
     * The long-message part ({@link RealRiskModel.Encoder}): its share of a long message's log-odds (0 trains none)
     * and its L2 cost. Chosen on dev (docs/nlp-evaluation.md); the properties exist for experiments.
     */
    /** SMS-sized or long: the model's two thresholds, and the texts the encoder part reads (longer ones). */
    static final int SHORT_MAX_CHARS = 280;
    static final double ENCODER_SHARE = Double.parseDouble(System.getProperty("nlp.real.encoder", "0.5"));
    static final double ENCODER_L2 = Double.parseDouble(System.getProperty("nlp.real.encoder.l2", "0.1"));
    /**
     * The short-message part ({@link RealRiskModel#readShort}): its share of a borderline message's log-odds (0
     * trains none; the long part's share, not tuned again) and its band, in log-odds under and over the short
     * threshold's (chosen on dev, 2026-12-03: docs/nlp-evaluation.md). Its shift is chosen with the thresholds.
     */
    static final double SHORT_ENCODER_SHARE = Double.parseDouble(System.getProperty("nlp.real.encoder.short", "0.5"));
    static final double SHORT_BAND_BELOW = Double.parseDouble(System.getProperty("nlp.real.band.below", "1.5"));
    static final double SHORT_BAND_ABOVE = Double.parseDouble(System.getProperty("nlp.real.band.above", "0.5"));

    private RealRiskTrainer() {
    }

    /** One training text and whether it needs a counsellor now (HIGH+). */
    public record Labelled(String text, boolean positive, String origin) {
    }

    public static void main(String[] args) throws IOException {
        boolean thresholdsOnly = args.length == 4 && args[3].equals("--thresholds-only");
        boolean encoderOnly = args.length == 4 && args[3].equals("--encoder-only");
        if (args.length != 3 && !thresholdsOnly && !encoderOnly) {
            System.err.println("usage: RealRiskTrainer CORPORA_DIR DATA_ROOT OUT_DIR [--thresholds-only | --encoder-only]");
            System.exit(2);
        }
        Path corpora = Path.of(args[0]);
        Path dataRoot = Path.of(args[1]);
        Path out = Path.of(args[2]);
        long start = System.nanoTime();
        RealData data = RealData.load(dataRoot);
        List<Labelled> training = trainingSet(data, corpora, List.of());
        System.out.printf("[train-real] %d training texts (%d positive) from %d files ...%n", training.size(),
                training.stream().filter(Labelled::positive).count(), data.files().size());
        SentenceEncoder.memoise();
        AbstractModel model;
        RealRiskModel.Encoder encoder;
        RealRiskModel.Encoder shortEncoder;
        if (thresholdsOnly || encoderOnly) { // the committed n-gram model: its thresholds or its encoder parts again
            try (var in = Files.newInputStream(out.resolve("risk.bin.gz"))) {
                model = RealRiskModel.read(in);
            }
            encoder = encoderOnly ? trainEncoder(training, ENCODER_SHARE, false)
                    : committed(out.resolve(LONG_FILE), ENCODER_SHARE);
            shortEncoder = encoderOnly ? trainEncoder(training, SHORT_ENCODER_SHARE, true)
                    : committed(out.resolve(SHORT_FILE), SHORT_ENCODER_SHARE);
        } else {
            model = train(training);
            encoder = trainEncoder(training, ENCODER_SHARE, false);
            shortEncoder = trainEncoder(training, SHORT_ENCODER_SHARE, true);
        }
        RealRiskModel candidate = withParts(model, manifest(data, corpora, training), encoder, shortEncoder);
        Properties manifest = candidate.manifest();
        RealEvaluation.Thresholds t = RealEvaluation.chooseThresholds(candidate, data, corpora);
        t.values().forEach(manifest::setProperty);
        manifest.setProperty("threshold.rule", t.rule());
        Files.createDirectories(out);
        try (OutputStream o = Files.newOutputStream(out.resolve("risk.bin.gz"))) {
            write(model, o);
        }
        writeEncoder(encoder, out.resolve(LONG_FILE));
        writeEncoder(shortEncoder, out.resolve(SHORT_FILE));
        try (var w = Files.newBufferedWriter(out.resolve("manifest.properties"), StandardCharsets.UTF_8)) {
            new SortedProperties(manifest).store(w, "the real-text risk model: written by "
                    + RealRiskTrainer.class.getName() + ", do not edit");
        }
        System.out.printf("[train-real] thresholds %s; %.1f s -> %s%n", t.values(), (System.nanoTime() - start) / 1e9,
                out);
    }

    /** The model with its encoder parts (either may be null), each recorded in the manifest. */
    static RealRiskModel withParts(AbstractModel model, Properties manifest, RealRiskModel.Encoder encoder,
                                   RealRiskModel.Encoder shortEncoder) {
        Properties p = new Properties();
        p.putAll(manifest);
        if (encoder != null) {
            p.setProperty("encoder.l2", Double.toString(ENCODER_L2));
            p.setProperty("encoder.texts", "the training texts above of more than " + SHORT_MAX_CHARS
                    + " normalised characters");
        }
        if (shortEncoder != null) {
            p.setProperty("encoder.short.below", Double.toString(SHORT_BAND_BELOW));
            p.setProperty("encoder.short.above", Double.toString(SHORT_BAND_ABOVE));
            p.setProperty("encoder.short.texts", "the English training texts above of at most " + SHORT_MAX_CHARS
                    + " normalised characters and " + RealRiskModel.SHORT_MIN_WORDS + " words or more");
        }
        RealRiskModel m = RealRiskModel.of(model, p);
        if (encoder != null) {
            m = m.withEncoder(encoder);
        }
        return shortEncoder == null ? m : m.withShortEncoder(shortEncoder);
    }

    static final String LONG_FILE = "encoder-lr.txt";
    static final String SHORT_FILE = "encoder-short-lr.txt";

    private static RealRiskModel.Encoder committed(Path file, double share) throws IOException {
        if (share <= 0 || !Files.exists(file)) {
            return null;
        }
        try (var in = Files.newInputStream(file)) {
            return RealRiskModel.readEncoder(in, share);
        }
    }

    private static void writeEncoder(RealRiskModel.Encoder e, Path file) throws IOException {
        Files.deleteIfExists(file);
        if (e != null) {
            try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                RealRiskModel.writeEncoder(e, w);
            }
        }
    }

    /**
     * Every trainable source's train split, but those in {@code heldOut}, and the curated corpora. GoEmotions is
     * halved (by hash) so that 50,000 Reddit comments do not outweigh everything else.
     */
    public static List<Labelled> trainingSet(RealData data, Path corpora, List<RealData.Source> heldOut) {
        List<Labelled> out = new ArrayList<>();
        for (RealData.Source source : RealData.SOURCES) {
            if (source.kind() == RealData.Kind.REPORT_ONLY || heldOut.contains(source)) {
                continue;
            }
            for (RealData.Sample s : data.samples(source, RealData.Split.TRAIN)) {
                if (source == RealData.GOEMOTIONS && (RealData.key(s.text()).hashCode() & 1) == 1) {
                    continue;
                }
                int copies = (s.positive() ? POSITIVE_COPIES : 1) * (source.language().equals("es") ? SPANISH_COPIES : 1);
                for (int i = 0; i < copies; i++) {
                    out.add(new Labelled(s.text(), s.positive(), source.name()));
                }
                if (FRAGMENTS && s.text().length() > SHORT_MAX_CHARS) {
                    List<String> pieces = RealData.fragments(s.text(), RealEvaluation.FRAGMENT_CHARS);
                    if (!s.positive()) {
                        pieces.forEach(p -> out.add(new Labelled(p, false, source.name() + "-fragment")));
                    } else {
                        for (String p : pieces) {
                            if (crisisFragment(p)) {
                                for (int i = 0; i < POSITIVE_FRAGMENTS; i++) {
                                    out.add(new Labelled(p, true, source.name() + "-fragment"));
                                }
                            }
                        }
                    }
                }
            }
        }
        out.addAll(curated(corpora));
        return out;
    }

    /** First person (i, me, my...) then, within a few words, death or ending. */
    private static final Pattern CRISIS = Pattern.compile(
            "\\b(i|i'm|im|me|my|myself|i'll|i've|i'd)\\b(\\W+\\w+){0,5}?\\W+(die|dying|dead|death|kill|killing|suicide|"
                    + "suicidal|end it|end my|end things|end everything|live|living|alive|exist|overdose|hang|"
                    + "gone|disappear|goodbye|pills|rope|jump|cut|cutting)\\b");

    /**
     * A fragment of a suicidal post that is itself a crisis statement: first person and a death or ending word
     * within a few words ("i just want to die", "i'm going to kill myself"). Most sentences of a suicidal post are
     * not ("hi everyone."), so only these train as positives.
     */
    static boolean crisisFragment(String fragment) {
        return CRISIS.matcher(TextNormaliser.normalise(fragment)).find();
    }

    /**
     * The curated corpora the real-text model learns from: the languages it has real data in. French, Portuguese and
     * Swahili were measured and not kept (docs/nlp-evaluation.md, "fr"): with them English held-out recall fell
     * 0.944 → 0.911 and Spanish real-tweet recall 0.889 → 0.822; in those languages the curated model judges alone
     * ({@link RealRiskModel#covers}). {@code nlp.real.languages} exists for experiments.
     */
    static final List<String> CURATED_LANGUAGES = List.of(System.getProperty("nlp.real.languages", "en,es").split(","));

    static List<Path> curatedDirectories(Path corpora) {
        return Corpus.languageDirectories(corpora).stream()
                .filter(d -> CURATED_LANGUAGES.contains(d.getFileName().toString())).toList();
    }

    static List<Labelled> curated(Path corpora) {
        List<Labelled> out = new ArrayList<>();
        for (Path dir : curatedDirectories(corpora)) {
            Path file = dir.resolve(Corpus.RISK_TRAIN);
            if (!Files.exists(file)) {
                continue;
            }
            for (Corpus.Example e : Corpus.read(file, Corpus::isRiskLabel)) {
                boolean positive = e.label().equals("high") || e.label().equals("imminent");
                for (int i = 0; i < CURATED_COPIES; i++) {
                    out.add(new Labelled(e.text(), positive, "curated-" + dir.getFileName()));
                }
            }
        }
        return out;
    }

    /** The n-gram model: L2 maxent to convergence over the hashed features. */
    public static AbstractModel train(List<Labelled> examples) throws IOException {
        List<Event> events = new ArrayList<>(examples.size());
        for (Labelled e : examples) {
            HashedFeatures.Vector v = HashedFeatures.of(TextNormaliser.normalisedTokens(e.text()));
            String[] context = new String[v.buckets().length + 1];
            float[] values = new float[context.length];
            for (int i = 0; i < v.buckets().length; i++) {
                context[i] = Integer.toString(v.buckets()[i]);
                values[i] = v.value();
            }
            context[context.length - 1] = RealRiskModel.BIAS;
            values[context.length - 1] = 1f;
            events.add(new Event(e.positive() ? RealRiskModel.POSITIVE : RealRiskModel.NEGATIVE, context, values));
        }
        return converged(events, L2, 500, 1);
    }

    /** A binary L2 maxent (OpenNLP QN) by L-BFGS to convergence over real-valued events, one thread: deterministic. */
    private static AbstractModel converged(List<Event> events, double l2, int iterations, int cutoff)
            throws IOException {
        TrainingParameters params = TrainingParameters.defaultParams();
        params.put(TrainingParameters.ALGORITHM_PARAM, Trainer.CONVERGED_QN);
        params.put(AbstractEventTrainer.DATA_INDEXER_PARAM, AbstractEventTrainer.DATA_INDEXER_ONE_PASS_REAL_VALUE);
        params.put("L2Cost", l2);
        params.put("L1Cost", 0.0);
        params.put(TrainingParameters.ITERATIONS_PARAM, iterations);
        params.put(TrainingParameters.CUTOFF_PARAM, cutoff);
        params.put(TrainingParameters.THREADS_PARAM, 1);
        ConvergedQnTrainer trainer = new ConvergedQnTrainer();
        trainer.init(params, new HashMap<>());
        return (AbstractModel) trainer.train(new CollectionObjectStream<>(events));
    }

    /**
     * An encoder part: an L2 logistic regression (OpenNLP QN, to convergence) over the sentence embedding of every
     * training text longer than {@code short.max.chars} (the long-message part), or of every English one of at most
     * that and {@link RealRiskModel#SHORT_MIN_WORDS} words or more (the short-message part); positives as many times
     * as they appear in {@code examples}. Null when {@code share} is 0 (none).
     */
    public static RealRiskModel.Encoder trainEncoder(List<Labelled> examples, double share, boolean shortTexts)
            throws IOException {
        if (share <= 0) {
            return null;
        }
        String[] names = new String[SentenceEncoder.DIMENSIONS + 1];
        for (int i = 0; i < SentenceEncoder.DIMENSIONS; i++) {
            names[i] = "e" + i;
        }
        names[SentenceEncoder.DIMENSIONS] = RealRiskModel.BIAS;
        List<Event> events = new ArrayList<>();
        long start = System.nanoTime();
        for (Labelled e : examples) {
            String normal = TextNormaliser.normalise(e.text());
            if (shortTexts ? normal.length() > SHORT_MAX_CHARS || !"en".equals(language(e))
                    || words(normal) < RealRiskModel.SHORT_MIN_WORDS : normal.length() <= SHORT_MAX_CHARS) {
                continue;
            }
            float[] v = SentenceEncoder.embed(normal);
            float[] values = new float[names.length];
            System.arraycopy(v, 0, values, 0, v.length);
            values[SentenceEncoder.DIMENSIONS] = 1f;
            events.add(new Event(e.positive() ? RealRiskModel.POSITIVE : RealRiskModel.NEGATIVE, names, values));
        }
        System.out.printf("[train-real] encoder: %d %s texts embedded in %.0f s%n", events.size(),
                shortTexts ? "short English" : "long", (System.nanoTime() - start) / 1e9);
        return RealRiskModel.encoderOf(converged(events, ENCODER_L2, 1000, 0), share);
    }

    /** A training text's language: its source's, or its curated corpus's. */
    static String language(Labelled e) {
        if (e.origin().startsWith("curated-")) {
            return e.origin().substring("curated-".length());
        }
        String name = e.origin().endsWith("-fragment")
                ? e.origin().substring(0, e.origin().length() - "-fragment".length()) : e.origin();
        return RealData.SOURCES.stream().filter(s -> s.name().equals(name)).findFirst()
                .map(RealData.Source::language).orElseThrow(() -> new IllegalStateException("no source " + name));
    }

    private static int words(String normal) {
        int n = 0;
        for (String t : TextNormaliser.tokens(normal)) {
            if (!t.isEmpty() && Character.isLetterOrDigit(t.codePointAt(0))) {
                n++;
            }
        }
        return n;
    }

    static void write(AbstractModel model, OutputStream out) throws IOException {
        GZIPOutputStream gz = new GZIPOutputStream(out);
        DataOutputStream data = new DataOutputStream(gz);
        new GenericModelWriter(model, data).persist();
        data.flush();
        gz.finish();
    }

    static Properties manifest(RealData data, Path corpora, List<Labelled> training) throws IOException {
        Properties p = new Properties();
        p.setProperty("features", HashedFeatures.DESCRIPTION);
        p.setProperty("algorithm", "L2 maxent (OpenNLP QN model), L-BFGS to convergence, L2Cost " + L2);
        p.setProperty("split", "sha256(\"helpline-real-split-v1\\n\" + lower-cased, whitespace-collapsed text): "
                + "buckets 0-5 train, 6-7 dev, 8-9 test (RealData.split)");
        p.setProperty("short.max.chars", Integer.toString(SHORT_MAX_CHARS));
        p.setProperty("curated.copies", Integer.toString(CURATED_COPIES));
        Map<String, Integer> counts = new TreeMap<>();
        for (Labelled l : training) {
            counts.merge(l.origin() + (l.positive() ? ".positive" : ".negative"), 1, Integer::sum);
        }
        counts.forEach((k, v) -> p.setProperty("examples." + k, Integer.toString(v)));
        data.files().forEach((file, sha) -> p.setProperty("sha256.shared/data/" + file, sha));
        for (Path dir : curatedDirectories(corpora)) {
            Path file = dir.resolve(Corpus.RISK_TRAIN);
            if (Files.exists(file)) {
                p.setProperty("sha256.nlp-models/corpora/" + dir.getFileName() + "/" + Corpus.RISK_TRAIN,
                        sha256(Files.readAllBytes(file)));
            }
        }
        return p;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Properties written in key order, so that a retrain's diff shows what changed. */
    private static final class SortedProperties extends Properties {
        SortedProperties(Properties p) {
            putAll(p);
        }

        @Override
        public Set<Map.Entry<Object, Object>> entrySet() {
            Set<Map.Entry<Object, Object>> sorted = new TreeSet<>(Comparator.comparing(e -> e.getKey().toString()));
            sorted.addAll(super.entrySet());
            return sorted;
        }
    }
}
