package org.helpline.nlp.features;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Marks the words in the scope of a negation ("not going to <em>kill myself</em>", "no quiero <em>morir</em>"):
 * up to four words after a negator, stopping at a clause break. Lets the risk model tell "i'm not going to kill
 * myself" from "i'm going to kill myself" without a rule. Loaded by class name from the model manifest.
 */
public final class NegationFeatureGenerator implements StreamingFeatureGenerator {
    static final Set<String> NEGATORS = Set.of("not", "never", "don't", "won't", "wouldn't", "isn't", "can't",
            "didn't", "no", "nunca", "jamas", "tampoco", "ni");
    static final Set<String> BREAKS = Set.of("but", "pero", "and", "y", "because", "porque", "?", "!", "though",
            "sino");
    private static final int SCOPE = 4;

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        List<String> features = new ArrayList<>(4);
        int scope = 0;
        for (String token : tokens) {
            if (NEGATORS.contains(token)) {
                scope = SCOPE;
                features.add("neg");
                continue;
            }
            if (BREAKS.contains(token)) {
                scope = 0;
                continue;
            }
            if (scope > 0) {
                features.add("neg=" + token);
                scope--;
            }
        }
        return features;
    }

    @Override
    public void emitFeatures(String[] tokens, FeatureSink sink) {
        int scope = 0;
        for (String token : tokens) {
            if (NEGATORS.contains(token)) {
                scope = SCOPE;
                sink.feature("neg");
                continue;
            }
            if (BREAKS.contains(token)) {
                scope = 0;
                continue;
            }
            if (scope > 0) {
                sink.begin("neg=").append(token).end();
                scope--;
            }
        }
    }
}
