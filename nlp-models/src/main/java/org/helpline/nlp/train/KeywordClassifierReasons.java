package org.helpline.nlp.train;

import java.util.Map;
import java.util.TreeMap;

import org.helpline.nlp.KeywordClassifier;
import org.helpline.nlp.RiskTier;

/** Which lexicon phrases flag each negative source's dev texts HIGH+, most frequent first (for lexicon review). */
final class KeywordClassifierReasons {
    private KeywordClassifierReasons() {
    }

    static void print(RealData data) {
        KeywordClassifier lexicon = new KeywordClassifier();
        for (RealData.Source s : RealData.SOURCES) {
            Map<String, Integer> counts = new TreeMap<>();
            var samples = data.samples(s, RealData.Split.DEV);
            for (RealData.Sample x : samples) {
                var a = lexicon.assess(x.text(), s.language());
                if (a.tier().atLeast(RiskTier.HIGH)) {
                    counts.merge(a.reasons().get(0), 1, Integer::sum);
                }
            }
            System.out.println("== " + s.name() + " (" + samples.size() + ")");
            counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(25)
                    .forEach(e -> System.out.println("  " + e.getValue() + "  " + e.getKey()));
        }
    }
}
