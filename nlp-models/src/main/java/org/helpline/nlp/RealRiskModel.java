package org.helpline.nlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.zip.GZIPInputStream;

import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.BinaryFileDataReader;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.GenericModelReader;
import org.helpline.nlp.features.HashedFeatures;

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

    private RealRiskModel(float[] weights, double bias, Properties manifest) {
        this.weights = weights;
        this.bias = bias;
        this.manifest = manifest;
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
            return of(read(model), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static AbstractModel read(InputStream gzipped) throws IOException {
        return new GenericModelReader(new BinaryFileDataReader(new GZIPInputStream(gzipped))).getModel();
    }

    /** A model from a trained OpenNLP model and its manifest (training and evaluation build them in memory). */
    public static RealRiskModel of(AbstractModel model, Properties manifest) {
        @SuppressWarnings("unchecked")
        Map<String, Context> pmap = (Map<String, Context>) model.getDataStructures()[1];
        int pos = model.getIndex(POSITIVE);
        int neg = model.getIndex(NEGATIVE);
        if (pos < 0 || neg < 0 || model.getNumOutcomes() != 2) {
            throw new IllegalArgumentException("not a binary " + POSITIVE + "/" + NEGATIVE + " model");
        }
        float[] weights = new float[HashedFeatures.BUCKETS];
        double bias = 0;
        for (Map.Entry<String, Context> e : pmap.entrySet()) {
            double w = weight(e.getValue(), pos) - weight(e.getValue(), neg);
            if (e.getKey().equals(BIAS)) {
                bias = w;
            } else {
                weights[Integer.parseInt(e.getKey())] = (float) w;
            }
        }
        return new RealRiskModel(weights, bias, manifest);
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
        Properties p = new Properties();
        p.putAll(manifest);
        thresholds.forEach(p::setProperty);
        return new RealRiskModel(weights, bias, p);
    }

    /** The manifest: training files and their sha256, features, thresholds. */
    public Properties manifest() {
        Properties p = new Properties();
        p.putAll(manifest);
        return p;
    }
}
