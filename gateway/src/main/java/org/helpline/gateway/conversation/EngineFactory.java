package org.helpline.gateway.conversation;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.helpline.dialogue.Engine;
import org.helpline.dialogue.flow.FlowLoader;
import org.helpline.nlp.KeywordClassifier;
import org.helpline.nlp.MessageClassifier;
import org.helpline.nlp.OpenNlpClassifier;
import io.micronaut.context.annotation.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The flow engine (flows validated at start-up: a broken flow file stops the service) and the classifier. */
@Factory
public class EngineFactory {
    private static final Logger LOG = LoggerFactory.getLogger(EngineFactory.class);

    @Singleton
    Engine engine() {
        Engine engine = new Engine(FlowLoader.fromClasspath());
        LOG.info("Flows loaded: {} in {}", engine.flows().flows().keySet(), engine.flows().languages());
        return engine;
    }

    /**
     * The classifier: OpenNLP models with the lexicon safety net ({@code helpline.nlp.classifier: opennlp}, the
     * default), or the lexicon alone ({@code keywords}). Missing models stop the start-up: a helpline must not run
     * without its risk classifier.
     */
    @Singleton
    MessageClassifier classifier(Engine engine,
                                 @Value("${helpline.nlp.classifier:opennlp}") String kind) {
        if ("keywords".equals(kind)) {
            LOG.warn("Classifier: keyword lexicon only (helpline.nlp.classifier=keywords)");
            return new KeywordClassifier(engine.flows().languages());
        }
        long start = System.nanoTime();
        OpenNlpClassifier classifier = OpenNlpClassifier.loadDefault();
        LOG.info("Classifier: OpenNLP models for {} loaded in {} ms", classifier.languages(),
                (System.nanoTime() - start) / 1_000_000);
        return classifier;
    }
}
