package org.helpline.nlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.ext.ExtensionLoader;

/**
 * One trained doccat model, safe to share between threads: the immutable {@link DoccatModel} is shared and every
 * thread gets its own {@link DocumentCategorizerME} (which is not thread-safe).
 */
public final class Categorizer {
    static {
        // OpenNLP 2.5 only instantiates manifest-named feature generators from allowed packages
        ExtensionLoader.registerAllowedPackage("org.helpline.nlp.features");
    }

    private final DoccatModel model;
    private final ThreadLocal<DocumentCategorizerME> categorizers;
    private final String[] categories;
    private final FeatureGenerator[] generators;
    private final FeatureGenerator[] allGenerators;

    public Categorizer(DoccatModel model) {
        this.model = model;
        this.categorizers = ThreadLocal.withInitial(() -> new DocumentCategorizerME(model));
        DocumentCategorizerME probe = new DocumentCategorizerME(model);
        this.categories = new String[probe.getNumberOfCategories()];
        for (int i = 0; i < categories.length; i++) {
            categories[i] = probe.getCategory(i);
        }
        this.allGenerators = model.getFactory().getFeatureGenerators();
        // explanations use the readable generators only (words, bigrams, negation), not the many character n-grams
        this.generators = java.util.Arrays.stream(model.getFactory().getFeatureGenerators())
                .filter(g -> !(g instanceof org.helpline.nlp.features.CharNgramFeatureGenerator))
                .toArray(FeatureGenerator[]::new);
    }

    /** Loads a model from a classpath resource; a missing resource is an error, never a silent fallback. */
    public static Categorizer fromResource(String resource) {
        try (InputStream in = Categorizer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("model resource " + resource + " is missing from the classpath: "
                        + "build nlp-models (mvn -pl nlp-models package, or scripts/train) to train it");
            }
            return new Categorizer(new DoccatModel(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + resource, e);
        }
    }

    /** The probability of every category, indexed like {@link #category(int)}. Tokens are normalised tokens. */
    public double[] probabilities(String[] tokens) {
        return categorizers.get().categorize(tokens);
    }

    /**
     * The model's features for these tokens, exactly as {@link DocumentCategorizerME} computes them (every manifest
     * feature generator in order). Two models with {@link #sameFeatures} can share one computation.
     */
    public String[] features(String[] tokens) {
        List<String> features = new ArrayList<>(tokens.length * 20);
        for (FeatureGenerator generator : allGenerators) {
            features.addAll(generator.extractFeatures(tokens, Map.of()));
        }
        return features.toArray(String[]::new);
    }

    /** Probabilities from precomputed {@link #features}; maxent evaluation is stateless, so thread-safe. */
    public double[] probabilitiesOfFeatures(String[] features) {
        return model.getMaxentModel().eval(features);
    }

    /** True when both models were trained with the same feature generators (so {@link #features} can be shared). */
    public boolean sameFeatures(Categorizer other) {
        if (allGenerators.length != other.allGenerators.length) {
            return false;
        }
        for (int i = 0; i < allGenerators.length; i++) {
            if (allGenerators[i].getClass() != other.allGenerators[i].getClass()) {
                return false;
            }
        }
        return true;
    }

    public String category(int index) {
        return categories[index];
    }

    /** Index of a category, or -1 when the model has no such category. */
    public int index(String category) {
        for (int i = 0; i < categories.length; i++) {
            if (categories[i].equals(category)) {
                return i;
            }
        }
        return -1;
    }

    public int size() {
        return categories.length;
    }

    public DoccatModel model() {
        return model;
    }

    /**
     * The readable features of this message (words and word pairs) that pushed the model most towards the
     * {@code outcomes}: how a counsellor sees why the model flagged it. Slow-ish (a few µs): call it only to explain.
     */
    public List<String> strongestCues(String[] tokens, List<String> outcomes, int limit) {
        MaxentModel maxent = model.getMaxentModel();
        if (!(maxent instanceof AbstractModel abstractModel)) {
            return List.of();
        }
        Object[] data = abstractModel.getDataStructures();
        @SuppressWarnings("unchecked")
        Map<String, Context> params = (Map<String, Context>) data[1];
        List<Integer> wanted = new ArrayList<>();
        for (String outcome : outcomes) {
            int i = maxent.getIndex(outcome);
            if (i >= 0) {
                wanted.add(i);
            }
        }
        record Cue(String text, double weight) {
        }
        List<Cue> cues = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (FeatureGenerator generator : generators) {
            Collection<String> features = generator.extractFeatures(tokens, Map.of());
            for (String feature : features) {
                boolean readable = feature.startsWith("bow=") || feature.startsWith("b=") || feature.startsWith("neg=");
                if (!readable || !seen.add(feature) || uninformative(feature)) {
                    continue;
                }
                Context context = params.get(feature);
                if (context == null) {
                    continue;
                }
                double weight = 0;
                int[] contextOutcomes = context.getOutcomes();
                double[] values = context.getParameters();
                for (int k = 0; k < contextOutcomes.length; k++) {
                    if (wanted.contains(contextOutcomes[k])) {
                        weight = Math.max(weight, values[k]);
                    }
                }
                if (weight > 0) {
                    cues.add(new Cue(readable(feature), weight));
                }
            }
        }
        cues.sort(Comparator.comparingDouble(Cue::weight).reversed());
        return cues.stream().map(Cue::text).distinct().limit(limit).toList();
    }

    /** Words that carry no meaning alone ("to", "i am"): true cues for a model, useless as an explanation. */
    private static final java.util.Set<String> FUNCTION_WORDS = java.util.Set.of("i", "to", "me", "my", "the", "a",
            "an", "is", "am", "are", "in", "on", "of", "it", "and", "you", "your", "this", "that", "so", "for", "at",
            "with", "if", "he", "she", "they", "we", "was", "i'll", "will", "^", "$", "just", "be", "going", "do", "have", "yo", "mi", "el", "la", "de", "que", "y",
            "en", "un", "una", "lo", "es", "se", "por", "con");

    private static boolean uninformative(String feature) {
        String body = feature.substring(feature.indexOf('=') + 1);
        for (String word : body.split("_")) {
            if (!FUNCTION_WORDS.contains(word) && word.length() > 1) {
                return false;
            }
        }
        return true;
    }

    private static String readable(String feature) {
        if (feature.startsWith("bow=")) {
            return feature.substring(4);
        }
        if (feature.startsWith("neg=")) {
            return "not " + feature.substring(4);
        }
        return feature.substring(2).replace('_', ' ').replace("^ ", "").replace(" $", "");
    }
}
