package org.helpline.nlp.features;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A constant bias feature and the message's length bucket. Without the bias, OpenNLP's maxent has no class prior: a
 * message made only of unseen words ("asdf", a new slang word) gets near-uniform probabilities, and with four risk
 * labels that puts P(high)+P(imminent) near 0.5, a false alarm. The length bucket lets "ok" and a long story differ.
 * Loaded by class name from the model manifest.
 */
public final class ShapeFeatureGenerator implements StreamingFeatureGenerator {

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        return List.of("bias", length(tokens));
    }

    @Override
    public void emitFeatures(String[] tokens, FeatureSink sink) {
        sink.feature("bias");
        sink.feature(length(tokens));
    }

    private static String length(String[] tokens) {
        return tokens.length <= 1 ? "len=1" : tokens.length <= 3 ? "len=2-3" : tokens.length <= 8 ? "len=4-8" : "len=9+";
    }
}
