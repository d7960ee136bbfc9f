package org.helpline.nlp.features;

import opennlp.tools.doccat.FeatureGenerator;

/**
 * A feature generator that can also hand its features to a {@link FeatureSink} without building a String for each:
 * what serving uses ({@link org.helpline.nlp.Categorizer}). {@link #extractFeatures} stays the reference (training,
 * explanations) and {@link #emitFeatures} must produce exactly the same features in the same order (tested).
 */
public interface StreamingFeatureGenerator extends FeatureGenerator {
    void emitFeatures(String[] tokens, FeatureSink sink);
}
