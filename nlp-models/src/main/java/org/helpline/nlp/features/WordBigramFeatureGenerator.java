package org.helpline.nlp.features;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Word bigrams, with start and end marks: "want to", "to die", "the pills", "^hi". Word order carries most of the
 * difference between "i want to die" and "i'd die for those shoes". Loaded by class name from the model manifest.
 */
public final class WordBigramFeatureGenerator implements StreamingFeatureGenerator {

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        List<String> features = new ArrayList<>(tokens.length + 1);
        String previous = "^";
        for (String token : tokens) {
            features.add("b=" + previous + "_" + token);
            previous = token;
        }
        if (tokens.length > 0) {
            features.add("b=" + previous + "_$");
        }
        return features;
    }

    @Override
    public void emitFeatures(String[] tokens, FeatureSink sink) {
        String previous = "^";
        for (String token : tokens) {
            sink.begin("b=").append(previous).append('_').append(token).end();
            previous = token;
        }
        if (tokens.length > 0) {
            sink.begin("b=").append(previous).append("_$").end();
        }
    }
}
