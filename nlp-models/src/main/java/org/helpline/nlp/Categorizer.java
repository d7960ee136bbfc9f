package org.helpline.nlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import opennlp.tools.doccat.BagOfWordsFeatureGenerator;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.ml.ArrayMath;
import opennlp.tools.ml.maxent.quasinewton.QNModel;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.ext.ExtensionLoader;
import org.helpline.nlp.features.CharNgramFeatureGenerator;
import org.helpline.nlp.features.FeatureSink;
import org.helpline.nlp.features.StreamingFeatureGenerator;

/**
 * One trained doccat model, safe to share between threads: the immutable {@link DoccatModel} is shared and every
 * thread gets its own {@link DocumentCategorizerME} (which is not thread-safe).
 *
 * <p>Serving evaluates our models (OpenNLP {@link QNModel}s) itself, with the same arithmetic in the same order as
 * {@code DocumentCategorizerME.categorize} then {@code QNModel.eval}, so the probabilities are the same doubles
 * (tested against DocumentCategorizerME on every corpus message): features are streamed as characters
 * ({@link StreamingFeatureGenerator}) into a {@link PredicateTable} lookup, never built as Strings.
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
    /** Every feature generator as a streaming one, in manifest order; null when the model is not a QNModel. */
    private final StreamingFeatureGenerator[] streaming;
    private final PredicateTable predicates;
    /**
     * The words the model knows (its "bow=" predicates), and for each its bag-of-words predicate id and the ids of
     * its known character n-grams in the generator's order: a known word costs one lookup instead of a dozen.
     */
    private final PredicateTable words;
    private final int[] wordBowIds;
    private final int[][] wordCharNgramIds;
    private final CharNgramFeatureGenerator charNgrams;

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
        this.generators = Arrays.stream(model.getFactory().getFeatureGenerators())
                .filter(g -> !(g instanceof CharNgramFeatureGenerator))
                .toArray(FeatureGenerator[]::new);
        if (model.getMaxentModel() instanceof QNModel qn) {
            @SuppressWarnings("unchecked")
            Map<String, Context> pmap = (Map<String, Context>) qn.getDataStructures()[1];
            this.predicates = new PredicateTable(pmap);
            this.streaming = Arrays.stream(allGenerators).map(Categorizer::streaming)
                    .toArray(StreamingFeatureGenerator[]::new);
            this.charNgrams = Arrays.stream(streaming).filter(g -> g instanceof CharNgramFeatureGenerator)
                    .map(g -> (CharNgramFeatureGenerator) g).findFirst().orElse(null);
            List<String> known = pmap.keySet().stream().filter(k -> k.startsWith("bow=")).map(k -> k.substring(4))
                    .toList();
            this.words = PredicateTable.ofNames(known);
            this.wordBowIds = new int[known.size()];
            this.wordCharNgramIds = new int[known.size()][];
            for (String word : known) {
                int w = words.find(word);
                wordBowIds[w] = predicates.find("bow=" + word);
                List<Integer> ids = new ArrayList<>();
                if (charNgrams != null) {
                    charNgrams.emitFeatures(word, new FeatureSink() {
                        @Override
                        protected void accept(char[] chars, int length) {
                            int id = predicates.find(chars, 0, length);
                            if (id >= 0) {
                                ids.add(id);
                            }
                        }
                    });
                }
                wordCharNgramIds[w] = ids.stream().mapToInt(Integer::intValue).toArray();
            }
        } else {
            this.predicates = null;
            this.streaming = null;
            this.words = null;
            this.wordBowIds = null;
            this.wordCharNgramIds = null;
            this.charNgrams = null;
        }
    }

    /** The generator itself when it streams; OpenNLP's bag of words re-implemented; any other one adapted. */
    private static StreamingFeatureGenerator streaming(FeatureGenerator generator) {
        if (generator instanceof StreamingFeatureGenerator s) {
            return s;
        }
        if (generator.getClass() == BagOfWordsFeatureGenerator.class
                && generator.extractFeatures(new String[] {"a1", "?"}, Map.of()).size() == 2) {
            return new BagOfWords(generator);
        }
        return new StreamingFeatureGenerator() {
            @Override
            public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extra) {
                return generator.extractFeatures(tokens, extra);
            }

            @Override
            public void emitFeatures(String[] tokens, FeatureSink sink) {
                for (String feature : generator.extractFeatures(tokens, Map.of())) {
                    sink.feature(feature);
                }
            }
        };
    }

    /** OpenNLP's bag of words with every token, not only all-letter ones (its public constructor's setting). */
    private static final class BagOfWords implements StreamingFeatureGenerator {
        private final FeatureGenerator generator;

        BagOfWords(FeatureGenerator generator) {
            this.generator = generator;
        }

        @Override
        public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extra) {
            return generator.extractFeatures(tokens, extra);
        }

        @Override
        public void emitFeatures(String[] tokens, FeatureSink sink) {
            for (String token : tokens) {
                sink.begin("bow=").append(token).end();
            }
        }
    }

    /** Adds each known feature's parameters to the outcome sums, exactly as QNModel.eval does. */
    private static final class Scorer extends FeatureSink {
        private final PredicateTable predicates;
        private final double[] sums;

        Scorer(PredicateTable predicates, int outcomes) {
            this.predicates = predicates;
            this.sums = new double[outcomes];
        }

        @Override
        protected void accept(char[] chars, int length) {
            int id = predicates.find(chars, 0, length);
            if (id >= 0) {
                predicates.add(id, sums); // QNModel: += 1.0 * parameter, the same double
            }
        }

        /** QNModel.eval's normalisation: exp(sum - logSumExp), StrictMath as there. */
        double[] probabilities() {
            double logSumExp = ArrayMath.logSumOfExps(sums);
            for (int o = 0; o < sums.length; o++) {
                sums[o] = StrictMath.exp(sums[o] - logSumExp);
            }
            return sums;
        }
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

    /** Loads a model from a file (a candidate's, not yet shipped). */
    public static Categorizer fromFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Categorizer(new DoccatModel(in));
        }
    }

    /** The probability of every category, indexed like {@link #category(int)}. Tokens are normalised tokens. */
    public double[] probabilities(String[] tokens) {
        if (predicates == null) {
            return categorizers.get().categorize(tokens);
        }
        Scorer scorer = new Scorer(predicates, categories.length);
        int[] known = null; // each token's index in words, or -1
        for (StreamingFeatureGenerator generator : streaming) {
            if (generator instanceof BagOfWords) {
                known = known != null ? known : knownWords(tokens);
                for (int w : known) {
                    if (w >= 0) {
                        predicates.add(wordBowIds[w], scorer.sums); // an unknown word has no bow predicate
                    }
                }
            } else if (generator == charNgrams) {
                known = known != null ? known : knownWords(tokens);
                for (int t = 0; t < tokens.length; t++) {
                    if (known[t] >= 0) {
                        for (int id : wordCharNgramIds[known[t]]) {
                            predicates.add(id, scorer.sums);
                        }
                    } else {
                        charNgrams.emitFeatures(tokens[t], scorer);
                    }
                }
            } else {
                generator.emitFeatures(tokens, scorer);
            }
        }
        return scorer.probabilities();
    }

    private int[] knownWords(String[] tokens) {
        int[] known = new int[tokens.length];
        char[] chars = new char[32];
        for (int t = 0; t < tokens.length; t++) {
            String token = tokens[t];
            if (token.length() > chars.length) {
                chars = new char[token.length()];
            }
            token.getChars(0, token.length(), chars, 0);
            known[t] = words.find(chars, 0, token.length());
        }
        return known;
    }

    /** What OpenNLP's own DocumentCategorizerME computes: the reference {@link #probabilities} must equal. */
    double[] referenceProbabilities(String[] tokens) {
        return categorizers.get().categorize(tokens);
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
        Set<String> seen = new HashSet<>();
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
    private static final Set<String> FUNCTION_WORDS = Set.of("i", "to", "me", "my", "the", "a",
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
