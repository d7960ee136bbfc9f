package org.helpline.gateway.conversation;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.helpline.dialogue.Engine;
import org.helpline.dialogue.flow.FlowLoader;
import org.helpline.nlp.KeywordClassifier;
import org.helpline.nlp.MessageClassifier;
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

    @Singleton
    MessageClassifier classifier(Engine engine) {
        return new KeywordClassifier(engine.flows().languages());
    }
}
