package org.helpline.nlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.helpline.nlp.OpenNlpRiskAssessor.Evidence;
import org.helpline.nlp.RealRiskModel;
import org.helpline.nlp.RiskTier;
import org.junit.jupiter.api.Test;

/** The evaluation's account of what flagged each text (no real data needed: the evidence is built by hand). */
class RealEvaluationTest {
    private final RealRiskModel model = RealRiskModel.loadDefault();
    private final double threshold = model.threshold(40, "en");

    private RealEvaluation.Scored scored(double p, RiskTier phrases, RiskTier curated) {
        return new RealEvaluation.Scored(new RealData.Sample(RealData.TEENAGERS, "a text", "a text"),
                new Evidence(p, 40, phrases, curated, "en"));
    }

    @Test
    void eachFlaggedTextIsCountedOnceByTheFirstPartThatFlagsIt() {
        List<RealEvaluation.Scored> texts = List.of(
                scored(Math.min(0.99, threshold + 0.1), RiskTier.HIGH, RiskTier.HIGH), // a phrase, whatever else
                scored(0.01, RiskTier.IMMINENT, RiskTier.NONE),                      // a phrase the models doubt
                scored(Math.min(0.99, threshold + 0.1), RiskTier.LOW, RiskTier.HIGH), // the real-text model
                scored(threshold * 0.8, RiskTier.NONE, RiskTier.HIGH),               // curated, corroborated
                scored(0.01, RiskTier.NONE, RiskTier.HIGH),                          // uncorroborated: not flagged
                scored(0.01, RiskTier.LOW, RiskTier.LOW));                           // not flagged

        RealEvaluation.Raised raised = RealEvaluation.raised(RealData.TEENAGERS, texts, model);

        assertEquals(new RealEvaluation.Raised(RealData.TEENAGERS, 4, 2, 1, 1), raised);
        String table = RealEvaluation.raisedTable(Map.of(RealData.TEENAGERS, texts), model);
        assertTrue(table.contains("| teenagers | false alarms | 4 | 50.0% (2/4) | 25.0% (1/4) | 25.0% (1/4) |"), table);
    }
}
