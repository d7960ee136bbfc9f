package org.helpline.nlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.BinaryFileDataReader;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.GenericModelReader;
import org.helpline.nlp.features.HashedFeatures;
import org.helpline.nlp.features.SentenceEncoder;

/**
 * The risk model learnt from real, independently labelled text (r/SuicideWatch and r/teenagers posts, suicidal
 * and ordinary tweets in English and Spanish, everyday assistant requests, emotion-labelled Reddit comments, teen
 * Q&amp;A, French teen chat) together with our helpline-style corpora: a binary L2 maxent (an OpenNLP QN model) over
 * {@link HashedFeatures}, answering one question: how likely is this message to need a counsellor now (HIGH or
 * above)? The four-tier curated model and the lexicon sit beside it ({@link OpenNlpRiskAssessor}).
 *
 * <p>The trained model is committed ({@code models/real/risk.bin.gz}) with a manifest of the training files'
 * sha256, the features and the thresholds chosen on development data ({@code scripts/train --real} rebuilds both
 * when the data is present). Two thresholds: one for SMS-sized messages and one for long texts, whose probabilities
 * the model spreads differently. Served as one weight per bucket: a message costs one lookup per feature.
 * Thread-safe and immutable.
 */
public final class RealRiskModel {
    public static final String MODEL = ModelResources.ROOT + "real/risk.bin.gz";
    public static final String MANIFEST = ModelResources.ROOT + "real/manifest.properties";
    /** The long-message part's logistic regression over {@link SentenceEncoder} embeddings: its bias, then weights. */
    public static final String ENCODER = ModelResources.ROOT + "real/encoder-lr.txt";
    /** The short-message part's logistic regression over {@link SentenceEncoder} embeddings (same format). */
    public static final String SHORT_ENCODER = ModelResources.ROOT + "real/encoder-short-lr.txt";
    /** The training events' constant feature: the model's intercept. */
    public static final String BIAS = "bias";
    public static final String POSITIVE = "high";
    public static final String NEGATIVE = "none";

    private final float[] weights;
    private final double bias;
    private final int shortMaxChars;
    private final Properties manifest;
    /** {@code threshold.short[.lang]} and {@code threshold.long[.lang]} parsed once: looked up on every message. */
    private final Map<String, Double> shortThresholds = new HashMap<>();
    private final Map<String, Double> longThresholds = new HashMap<>();
    private final double shortDefault;
    private final double longDefault;
    /** The long-message part (null: none): a logistic regression over the sentence encoder's embedding. */
    private final Encoder encoder;
    /** The short-message part (null: none): the same, learnt on SMS-sized texts, read in {@link #band} only. */
    private final Encoder shortEncoder;
    private final Band band;

    /**
     * Which SMS-sized messages the short-message part reads, and how its verdict is moved: a message whose n-gram
     * log-odds lie from {@code below} under to {@code above} over the short threshold's (a borderline one: far from
     * it, the n-gram model's verdict stands and nothing is embedded), and
     * the mixed log-odds are lowered by {@code shift} before the threshold is applied (chosen on dev with the
     * thresholds: {@code encoder.short.*} in the manifest).
     */
    public record Band(double below, double above, double shift) {
    }

    /**
     * A long message's log-odds are {@code (1 - share)} of the n-gram model's and {@code share} of this logistic
     * regression's over its embedding (the share was chosen on dev: docs/nlp-evaluation.md).
     */
    public record Encoder(float[] weights, double bias, double share) {
        public Encoder {
            if (weights.length != SentenceEncoder.DIMENSIONS || !(share > 0 && share <= 1)) {
                throw new IllegalArgumentException("an encoder part needs " + SentenceEncoder.DIMENSIONS
                        + " weights and a share in (0, 1]");
            }
        }

        double logOdds(float[] embedding) {
            double z = bias;
            for (int i = 0; i < weights.length; i++) {
                z += weights[i] * embedding[i];
            }
            return z;
        }
    }

    private RealRiskModel(float[] weights, double bias, Properties manifest, Encoder encoder, Encoder shortEncoder) {
        this.weights = weights;
        this.bias = bias;
        this.manifest = manifest;
        this.encoder = encoder;
        this.shortEncoder = shortEncoder;
        this.band = shortEncoder == null ? null : new Band(
                Double.parseDouble(manifest.getProperty("encoder.short.below", "0")),
                Double.parseDouble(manifest.getProperty("encoder.short.above", "0")),
                Double.parseDouble(manifest.getProperty("encoder.short.shift", "0")));
        this.shortMaxChars = Integer.parseInt(manifest.getProperty("short.max.chars", "280"));
        this.shortDefault = Double.parseDouble(manifest.getProperty("threshold.short", "0.5"));
        this.longDefault = Double.parseDouble(manifest.getProperty("threshold.long", "0.5"));
        for (String key : manifest.stringPropertyNames()) {
            if (key.startsWith("threshold.short.")) {
                shortThresholds.put(key.substring("threshold.short.".length()),
                        Double.parseDouble(manifest.getProperty(key)));
            } else if (key.startsWith("threshold.long.")) {
                longThresholds.put(key.substring("threshold.long.".length()),
                        Double.parseDouble(manifest.getProperty(key)));
            }
        }
        String features = manifest.getProperty("features", HashedFeatures.DESCRIPTION);
        if (!features.equals(HashedFeatures.DESCRIPTION)) {
            throw new IllegalStateException("the real-text risk model was trained with other features (" + features
                    + ") than this build computes (" + HashedFeatures.DESCRIPTION + "): retrain it (scripts/train --real)");
        }
    }

    /** The committed model and manifest from the classpath; fails loudly when either is missing. */
    public static RealRiskModel loadDefault() {
        try (InputStream model = RealRiskModel.class.getResourceAsStream(MODEL);
             InputStream manifest = RealRiskModel.class.getResourceAsStream(MANIFEST)) {
            if (model == null || manifest == null) {
                throw new IllegalStateException(MODEL + " or " + MANIFEST + " is missing from the classpath");
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(manifest, StandardCharsets.UTF_8));
            RealRiskModel m = of(read(model), p);
            if (p.containsKey("encoder.share")) {
                m = m.withEncoder(encoderResource(ENCODER, Double.parseDouble(p.getProperty("encoder.share"))));
            }
            if (p.containsKey("encoder.short.share")) {
                m = m.withShortEncoder(encoderResource(SHORT_ENCODER,
                        Double.parseDouble(p.getProperty("encoder.short.share"))));
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Encoder encoderResource(String name, double share) throws IOException {
        try (InputStream lr = RealRiskModel.class.getResourceAsStream(name)) {
            if (lr == null) {
                throw new IllegalStateException(MANIFEST + " names an encoder part but " + name
                        + " is missing from the classpath");
            }
            return readEncoder(lr, share);
        }
    }

    /** The encoder part's file: its bias on the first line, then one weight a line. */
    public static Encoder readEncoder(InputStream in, double share) throws IOException {
        List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        float[] w = new float[lines.size() - 1];
        for (int i = 0; i < w.length; i++) {
            w[i] = Float.parseFloat(lines.get(i + 1).strip());
        }
        return new Encoder(w, Double.parseDouble(lines.get(0).strip()), share);
    }

    public static void writeEncoder(Encoder e, Writer out) throws IOException {
        out.write("# a part of the real-text risk model (RealRiskTrainer, do not edit): bias, then "
                + SentenceEncoder.DIMENSIONS + " weights over " + SentenceEncoder.DESCRIPTION + "\n");
        out.write(Double.toString(e.bias()) + "\n");
        for (float w : e.weights()) {
            out.write(Float.toString(w) + "\n");
        }
    }

    public static AbstractModel read(InputStream gzipped) throws IOException {
        return new GenericModelReader(new BinaryFileDataReader(new GZIPInputStream(gzipped))).getModel();
    }

    /** A model from a trained OpenNLP model and its manifest (training and evaluation build them in memory). */
    public static RealRiskModel of(AbstractModel model, Properties manifest) {
        float[] weights = new float[HashedFeatures.BUCKETS];
        double[] bias = {0};
        eachWeight(model, (feature, w) -> {
            if (feature.equals(BIAS)) {
                bias[0] = w;
            } else {
                weights[Integer.parseInt(feature)] = (float) w;
            }
        });
        return new RealRiskModel(weights, bias[0], manifest, null, null);
    }

    /**
     * The long-message part from a binary model trained on embeddings (features {@code e0}…{@code e383} and
     * {@link #BIAS}: {@code RealRiskTrainer.trainEncoder}).
     */
    public static Encoder encoderOf(AbstractModel model, double share) {
        float[] weights = new float[SentenceEncoder.DIMENSIONS];
        double[] bias = {0};
        eachWeight(model, (feature, w) -> {
            if (feature.equals(BIAS)) {
                bias[0] = w;
            } else {
                weights[Integer.parseInt(feature.substring(1))] = (float) w;
            }
        });
        return new Encoder(weights, bias[0], share);
    }

    private interface WeightSink {
        void accept(String feature, double weight);
    }

    /** Each feature of a binary model and its weight for HIGH+ (the positive outcome's less the negative's). */
    private static void eachWeight(AbstractModel model, WeightSink sink) {
        @SuppressWarnings("unchecked")
        Map<String, Context> pmap = (Map<String, Context>) model.getDataStructures()[1];
        int pos = model.getIndex(POSITIVE);
        int neg = model.getIndex(NEGATIVE);
        if (pos < 0 || neg < 0 || model.getNumOutcomes() != 2) {
            throw new IllegalArgumentException("not a binary " + POSITIVE + "/" + NEGATIVE + " model");
        }
        for (Map.Entry<String, Context> e : pmap.entrySet()) {
            sink.accept(e.getKey(), weight(e.getValue(), pos) - weight(e.getValue(), neg));
        }
    }

    private static double weight(Context context, int outcome) {
        int[] outcomes = context.getOutcomes();
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] == outcome) {
                return context.getParameters()[i];
            }
        }
        return 0;
    }

    /** P(HIGH or above) for a message's tokens ({@code TextNormaliser.normalisedTokens}). */
    public double probability(String[] tokens) {
        return probability(HashedFeatures.of(tokens));
    }

    public double probability(HashedFeatures.Vector v) {
        double sum = 0;
        for (int b : v.buckets()) {
            sum += weights[b];
        }
        double z = bias + sum * v.value();
        return 1 / (1 + Math.exp(-z));
    }

    /**
     * P(HIGH or above) of a message whose n-gram probability is {@code ngram}: for a long message (more than
     * {@link #shortMaxChars()} normalised characters) with an encoder part, combined in log-odds with what the
     * encoder reads in it. The n-gram model alone stops short on long posts: the encoder reads what a post is about
     * rather than which words it uses (measured: docs/nlp-evaluation.md). English only: every long text it learnt
     * from is English.
     */
    public double readLong(double ngram, String normal, String language) {
        if (encoder == null || normal.length() <= shortMaxChars || !ENCODER_LANGUAGE.equals(language)) {
            return ngram;
        }
        Optional<float[]> embedding = SentenceEncoder.tryEmbed(normal);
        if (embedding.isEmpty()) {
            return ngram;
        }
        double z = (1 - encoder.share()) * logOdds(ngram) + encoder.share() * encoder.logOdds(embedding.get());
        return 1 / (1 + Math.exp(-z));
    }

    /**
     * P(HIGH or above) of an SMS-sized message whose n-gram probability is {@code ngram}, with a short-message part:
     * a borderline message ({@link Band}) of three words or more is also read by the encoder, and its log-odds are
     * mixed as a long message's are, less the band's shift. Elsewhere, in another language, or when the encoder
     * cannot read it, the n-gram probability stands (and the assessor does not ask about a message the lexicon has
     * judged: {@code OpenNlpRiskAssessor}). The encoder reads what a short message says beside which words it uses;
     * reading only the borderline ones keeps its cost (milliseconds) off nearly every message (docs/benchmarks-nlp.md).
     */
    public double readShort(double ngram, String normal, int words, String language) {
        if (!inBand(ngram, normal, words, language)) {
            return ngram;
        }
        Optional<float[]> embedding = SentenceEncoder.tryEmbed(normal);
        if (embedding.isEmpty()) {
            return ngram;
        }
        double z = (1 - shortEncoder.share()) * logOdds(ngram)
                + shortEncoder.share() * shortEncoder.logOdds(embedding.get()) - band.shift();
        return 1 / (1 + Math.exp(-z));
    }

    /** Whether {@link #readShort} reads this message with the encoder (a borderline English one). */
    public boolean inBand(double ngram, String normal, int words, String language) {
        if (shortEncoder == null || normal.length() > shortMaxChars || words < SHORT_MIN_WORDS
                || !ENCODER_LANGUAGE.equals(language)) {
            return false;
        }
        double lo = logOdds(ngram);
        double at = logOdds(threshold(normal.length(), language));
        return lo >= at - band.below() && lo < at + band.above();
    }

    /** One- and two-word messages have their own rule (the assessor's): the encoder is not asked about them. */
    public static final int SHORT_MIN_WORDS = 3;

    private static double logOdds(double p) {
        double q = Math.min(Math.max(p, 1e-9), 1 - 1e-9);
        return Math.log(q / (1 - q));
    }

    /** The encoder learnt from English posts only: in another language the n-gram model reads alone. */
    static final String ENCODER_LANGUAGE = "en";

    /** The short-message part, or null. */
    public Encoder shortEncoder() {
        return shortEncoder;
    }

    /** The short-message part's band, or null when there is no such part. */
    public Band band() {
        return band;
    }

    /**
     * A copy with this short-message part (recorded in the manifest: encoder.short.share; its band and shift are
     * the manifest's {@code encoder.short.below}, {@code .above}, {@code .shift}).
     */
    public RealRiskModel withShortEncoder(Encoder e) {
        return copy(p -> {
            p.setProperty("encoder", SentenceEncoder.DESCRIPTION);
            p.setProperty("encoder.short.share", Double.toString(e.share()));
        }, encoder, e);
    }

    /** A copy without the short-message part (thresholds are chosen first without it). */
    public RealRiskModel withoutShortEncoder() {
        return copy(p -> p.keySet().removeIf(k -> k.toString().startsWith("encoder.short.")), encoder, null);
    }

    /** A copy with the manifest so edited and these encoder parts (the weights are shared, never written). */
    private RealRiskModel copy(Consumer<Properties> edit, Encoder longPart, Encoder shortPart) {
        Properties p = new Properties();
        p.putAll(manifest);
        edit.accept(p);
        return new RealRiskModel(weights, bias, p, longPart, shortPart);
    }

    /** The long-message part, or null. */
    public Encoder encoder() {
        return encoder;
    }

    /** A copy with this long-message part (recorded in the manifest: encoder, encoder.share). */
    public RealRiskModel withEncoder(Encoder e) {
        return copy(p -> {
            p.setProperty("encoder", SentenceEncoder.DESCRIPTION);
            p.setProperty("encoder.share", Double.toString(e.share()));
        }, e, shortEncoder);
    }

    /**
     * The threshold for a message of this many (normalised) characters in this language: SMS-sized or long, and
     * per language where the dev data allowed one to be chosen ({@code threshold.short.es}); otherwise the default
     * ({@code threshold.short}, {@code threshold.long}).
     */
    public double threshold(int chars, String language) {
        return chars <= shortMaxChars ? shortThresholds.getOrDefault(language, shortDefault)
                : longThresholds.getOrDefault(language, longDefault);
    }

    /**
     * Whether the model learnt from helpline-style text in this language (the manifest counts a curated corpus's
     * positives, {@code examples.curated-<lang>.positive}). A language it never saw a risk example in gets no real
     * evidence from it: its probabilities there say nothing (the French teen chat it learnt as negatives would only
     * pull French down), and the curated model judges HIGH alone ({@link OpenNlpRiskAssessor}).
     */
    public boolean covers(String language) {
        return language != null && manifest.containsKey("examples.curated-" + language + ".positive");
    }

    public int shortMaxChars() {
        return shortMaxChars;
    }

    /** A copy with other thresholds ({@code threshold.*} keys; evaluation chooses them on development data). */
    public RealRiskModel withThresholds(Map<String, String> thresholds) {
        return copy(p -> thresholds.forEach(p::setProperty), encoder, shortEncoder);
    }

    /** The manifest: training files and their sha256, features, thresholds. */
    public Properties manifest() {
        Properties p = new Properties();
        p.putAll(manifest);
        return p;
    }
}
