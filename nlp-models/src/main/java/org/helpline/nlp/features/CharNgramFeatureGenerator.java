package org.helpline.nlp.features;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Character 3- to 5-grams of every word, with word-boundary marks ({@code ^kil}, {@code lf$}). They make the models
 * robust to the typos and spellings normalisation cannot list ("suicdal", "hurtin", "pictres"). Tokens must already
 * be normalised ({@link org.helpline.nlp.TextNormaliser}). Loaded by class name from the model manifest.
 */
public final class CharNgramFeatureGenerator implements StreamingFeatureGenerator {
    static final int MIN = 3;
    static final int MAX = 5;

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        List<String> features = new ArrayList<>(tokens.length * 8);
        StringBuilder b = new StringBuilder(24);
        for (String token : tokens) {
            if (token.length() < 3) {
                continue;
            }
            b.setLength(0);
            b.append('^').append(token).append('$');
            int len = b.length();
            for (int n = MIN; n <= MAX; n++) {
                for (int i = 0; i + n <= len; i++) {
                    features.add("c=" + b.substring(i, i + n));
                }
            }
        }
        return features;
    }

    @Override
    public void emitFeatures(String[] tokens, FeatureSink sink) {
        for (String token : tokens) {
            emitFeatures(token, sink);
        }
    }

    /** The features of one token (they depend on nothing else). */
    public void emitFeatures(String token, FeatureSink sink) {
        int len = token.length() + 2; // with the marks: ^token$
        if (len < 5) {
            return;
        }
        for (int n = MIN; n <= MAX; n++) {
            for (int i = 0; i + n <= len; i++) {
                sink.begin("c=");
                int end = i + n;
                if (i == 0) {
                    sink.append('^');
                }
                sink.append(token, Math.max(0, i - 1), Math.min(token.length(), end - 1));
                if (end == len) {
                    sink.append('$');
                }
                sink.end();
            }
        }
    }
}
