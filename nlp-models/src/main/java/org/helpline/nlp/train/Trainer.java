package org.helpline.nlp.train;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import opennlp.tools.doccat.BagOfWordsFeatureGenerator;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerEventStream;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSampleStream;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.CollectionObjectStream;
import opennlp.tools.util.TrainingParameters;
import opennlp.tools.util.ext.ExtensionLoader;

import org.helpline.nlp.ModelResources;
import org.helpline.nlp.TextNormaliser;
import org.helpline.nlp.features.CharNgramFeatureGenerator;
import org.helpline.nlp.features.NegationFeatureGenerator;
import org.helpline.nlp.features.ShapeFeatureGenerator;
import org.helpline.nlp.features.WordBigramFeatureGenerator;

/**
 * Trains the intent and risk doccat models of every language directory under the corpora and writes them where
 * {@link ModelResources} loads them. Run by the Maven build ({@code process-classes}) and by {@code scripts/train}.
 * Deterministic: same corpora, same models (L-BFGS maxent, one thread).
 *
 * <pre>java org.helpline.nlp.train.Trainer CORPORA_DIR MODELS_DIR</pre>
 */
public final class Trainer {
    /** Maximum L-BFGS iterations (a bound, not the usual stop: see {@link ConvergedQnTrainer}); cutoff 1. */
    static final int ITERATIONS = 1000;
    /** The default algorithm: L2 maxent by L-BFGS run to convergence ({@link ConvergedQnTrainer}). */
    public static final String CONVERGED_QN = "MAXENT_QN_CONVERGED";

    static {
        // OpenNLP 2.5 only instantiates manifest-named feature generators from allowed packages
        ExtensionLoader.registerAllowedPackage("org.helpline.nlp.features");
    }

    private Trainer() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: Trainer CORPORA_DIR MODELS_DIR");
            System.exit(2);
        }
        Path corpora = Path.of(args[0]);
        Path models = Path.of(args[1]);
        List<String> trained = new ArrayList<>();
        List<Path> dirs = Corpus.languageDirectories(corpora);
        for (Path dir : dirs) {
            String language = dir.getFileName().toString();
            if (!Files.exists(dir.resolve(Corpus.INTENT_TRAIN)) || !Files.exists(dir.resolve(Corpus.RISK_TRAIN))) {
                System.out.println("[train] " + language + ": SKIPPED, no " + Corpus.INTENT_TRAIN + " or "
                        + Corpus.RISK_TRAIN + " yet");
                continue;
            }
            Path out = models.resolve(language);
            Files.createDirectories(out);
            train(language, "intent", Corpus.read(dir.resolve(Corpus.INTENT_TRAIN), Corpus::isIntentLabel),
                    out.resolve("intent.bin"));
            train(language, "risk", Corpus.read(dir.resolve(Corpus.RISK_TRAIN), Corpus::isRiskLabel),
                    out.resolve("risk.bin"));
            trained.add(language);
        }
        if (trained.isEmpty()) {
            throw new IllegalStateException("no language corpus found under " + corpora.toAbsolutePath());
        }
        // English first: it is the default when a message's language is not shipped
        trained.sort((a, b) -> a.equals("en") ? -1 : b.equals("en") ? 1 : a.compareTo(b));
        Files.createDirectories(models);
        Files.writeString(models.resolve("languages.txt"),
                "# languages with trained models (written by org.helpline.nlp.train.Trainer)\n"
                        + String.join("\n", trained) + "\n", StandardCharsets.UTF_8);
        System.out.println("[train] done: " + String.join(", ", trained) + " -> " + models);
    }

    /**
     * The feature generators every model uses; recorded in the model manifest by class name. The system property
     * {@code nlp.features} (comma list of bow, bigram, char, neg, shape) exists for {@link CrossValidation} experiments only.
     */
    public static FeatureGenerator[] featureGenerators() {
        String wanted = System.getProperty("nlp.features", "bow,bigram,char,neg,shape");
        List<FeatureGenerator> generators = new ArrayList<>();
        for (String name : wanted.split(",")) {
            switch (name.trim()) {
                case "bow" -> generators.add(new BagOfWordsFeatureGenerator());
                case "bigram" -> generators.add(new WordBigramFeatureGenerator());
                case "char" -> generators.add(new CharNgramFeatureGenerator());
                case "neg" -> generators.add(new NegationFeatureGenerator());
                case "shape" -> generators.add(new ShapeFeatureGenerator());
                default -> throw new IllegalArgumentException("unknown feature generator " + name);
            }
        }
        return generators.toArray(FeatureGenerator[]::new);
    }

    /**
     * L-BFGS maxent (MAXENT_QN) with L2 regularisation 0.3, no L1, cutoff 1, one thread: deterministic. Chosen by
     * 5-fold cross-validation on the training sets ({@link CrossValidation}) over GIS, GIS with Gaussian smoothing,
     * naive Bayes and QN with L2 1.0. {@code nlp.algorithm}, {@code nlp.iterations}, {@code nlp.param.*} are for
     * experiments only.
     */
    public static TrainingParameters parameters() {
        TrainingParameters params = TrainingParameters.defaultParams();
        params.put(TrainingParameters.ALGORITHM_PARAM, System.getProperty("nlp.algorithm", CONVERGED_QN));
        params.put("L2Cost", 0.3);
        params.put("L1Cost", 0.0);
        params.put(TrainingParameters.ITERATIONS_PARAM, Integer.getInteger("nlp.iterations", ITERATIONS));
        params.put(TrainingParameters.CUTOFF_PARAM, 1);
        params.put(TrainingParameters.THREADS_PARAM, 1);
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("nlp.param.")) { // experiments only, e.g. -Dnlp.param.L2Cost=1.0
                params.put(key.substring("nlp.param.".length()), System.getProperty(key));
            }
        }
        return params;
    }

    /** Trains one doccat model in memory (also used by tests and the evaluator). */
    public static DoccatModel train(String language, List<Corpus.Example> examples) throws IOException {
        List<String> lines = new ArrayList<>(examples.size());
        for (Corpus.Example e : examples) {
            String[] tokens = TextNormaliser.normalisedTokens(e.text());
            if (tokens.length > 0) {
                lines.add(e.label() + "\t" + String.join(" ", tokens));
            }
        }
        DoccatFactory factory = new DoccatFactory(featureGenerators());
        TrainingParameters params = parameters();
        try (DocumentSampleStream samples = new DocumentSampleStream(new CollectionObjectStream<>(lines))) {
            if (!CONVERGED_QN.equals(params.algorithm())) { // experiments with OpenNLP's own trainers
                return DocumentCategorizerME.train(language, samples, params, factory);
            }
            Map<String, String> manifest = new HashMap<>();
            ConvergedQnTrainer trainer = new ConvergedQnTrainer();
            trainer.init(params, manifest);
            MaxentModel model = trainer.train(new DocumentCategorizerEventStream(samples, factory.getFeatureGenerators()));
            manifest.put("Training-Iterations", Integer.toString(trainer.iterationsRun()));
            return new DoccatModel(language, model, manifest, factory);
        }
    }

    private static void train(String language, String kind, List<Corpus.Example> examples, Path file)
            throws IOException {
        long labels = examples.stream().map(Corpus.Example::label).distinct().count();
        System.out.printf("[train] %s %-6s %4d messages, %2d labels ... ", language, kind, examples.size(), labels);
        System.out.flush();
        long start = System.nanoTime();
        DoccatModel model = train(language, examples);
        try (OutputStream out = Files.newOutputStream(file)) {
            model.serialize(out);
        }
        System.out.printf("%.1f s -> %s%n", (System.nanoTime() - start) / 1e9, file.getFileName());
    }
}
