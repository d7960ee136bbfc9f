package org.helpline.nlp.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.helpline.nlp.Classification;
import org.helpline.nlp.Intent;
import org.helpline.nlp.RiskAssessment;
import org.helpline.nlp.RiskTier;
import org.junit.jupiter.api.Test;

class ClassifyCliTest {
    @Test
    void writesOneJsonObjectWithEscapedReasons() {
        Classification c = new Classification("en", Intent.SELF_HARM_SUICIDE, 0.5,
                new RiskAssessment(RiskTier.HIGH, List.of("phrase 'kill myself'", "a \"quote\"\tand tab"), true));
        assertEquals("{\"language\":\"en\",\"intent\":\"self_harm_suicide\",\"intentConfidence\":0.5000,"
                + "\"risk\":\"high\",\"riskReasons\":[\"phrase 'kill myself'\",\"a \\\"quote\\\"\\tand tab\"],"
                + "\"aboutThirdParty\":true,\"emergencyNumbers\":false,\"evidence\":0.0000}", ClassifyCli.json(c));
    }
}
