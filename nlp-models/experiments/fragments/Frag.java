import java.io.PrintWriter;
import java.nio.file.Path;

import org.helpline.nlp.OpenNlpClassifier;
import org.helpline.nlp.OpenNlpRiskAssessor;
import org.helpline.nlp.RiskAssessment;
import org.helpline.nlp.TextNormaliser;
import org.helpline.nlp.train.RealData;

/**
 * Every long English text of one split (more than 280 normalised characters), as the shipped assessor reads it whole
 * and as the SMS-sized pieces it would be sent as: one line each for {@code frag.py}.
 * Columns: source, kind, whole-text real-text probability, flagged by the real-text model and curated model at the
 * long threshold, highest piece probability, pieces, pieces flagged, lexicon tier, explicit statement, shipped tier.
 */
public final class Frag {
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        RealData.Split split = RealData.Split.valueOf(args[1]);
        OpenNlpRiskAssessor assessor = (OpenNlpRiskAssessor) OpenNlpClassifier.loadDefault().riskAssessor();
        RealData real = RealData.load(data);
        double shortThreshold = assessor.realModel().threshold(100, "en");
        try (PrintWriter out = new PrintWriter(args[2])) {
            for (RealData.Source s : RealData.SOURCES) {
                if (!s.language().equals("en")) {
                    continue;
                }
                for (RealData.Sample x : real.samples(s, split)) {
                    String normal = TextNormaliser.normalise(x.text());
                    if (normal.length() <= 280) {
                        continue;
                    }
                    OpenNlpRiskAssessor.Evidence whole = assessor.evidence(x.text(), "en");
                    RiskAssessment shipped = assessor.assess(x.text(), "en");
                    double longThreshold = assessor.realModel().threshold(normal.length(), "en");
                    double highest = 0;
                    int pieces = 0;
                    int flagged = 0;
                    for (String piece : RealData.fragments(x.text(), 160)) {
                        OpenNlpRiskAssessor.Evidence e = assessor.evidence(piece, "en");
                        pieces++;
                        flagged += e.flagged(shortThreshold) ? 1 : 0;
                        highest = Math.max(highest, e.probability());
                    }
                    out.println(String.join("\t", s.name(), s.kind().name(), Double.toString(whole.probability()),
                            whole.flagged(longThreshold) ? "1" : "0", Double.toString(highest),
                            Integer.toString(pieces), Integer.toString(flagged), whole.phrases().name(),
                            shipped.explicit() ? "1" : "0", shipped.tier().name()));
                }
            }
        }
    }
}
