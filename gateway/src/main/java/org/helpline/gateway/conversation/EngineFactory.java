package org.helpline.gateway.conversation;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.helpline.dialogue.Engine;
import org.helpline.dialogue.flow.FlowLoader;
import org.helpline.dialogue.flow.FlowSet;
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

    /**
     * {@code helpline.training-consent.min-age} ({@code HELPLINE_TRAINING_CONSENT_MIN_AGE}): the youngest age at which
     * the welcome asks whether the young person's messages may be used for training (the age is asked first); 0: no
     * minimum, no age question. Unset: the flows' own {@code training_min_age} (16 shipped).
     */
    @Singleton
    Engine engine(@Value("${helpline.training-consent.min-age:-1}") int trainingMinAge) {
        FlowSet flows = FlowLoader.fromClasspath();
        if (trainingMinAge >= 0) {
            flows = flows.withTrainingMinAge(trainingMinAge); // out of range: the start-up fails, naming the setting
        }
        Engine engine = new Engine(flows);
        LOG.info("Flows loaded: {} in {}; training consent asked from age {}", engine.flows().flows().keySet(),
                engine.flows().languages(), engine.flows().trainingMinAge() == 0 ? "any"
                        : Integer.toString(engine.flows().trainingMinAge()));
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
