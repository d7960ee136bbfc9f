package org.helpline.gateway.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.helpline.nlp.TextNormaliser;

/**
 * Fuzzes the text normaliser every classifier runs on untrusted text: no exception, no runaway output (expansions
 * such as "kms" → "kill myself" are bounded), and lower case out.
 */
class NormaliserFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void normaliserIsTotalAndBounded(String text) {
        String normal = TextNormaliser.normalise(text);
        assertNotNull(normal);
        int in = text == null ? 0 : text.length();
        assertTrue(normal.length() <= 8 * in + 16, "output grew from " + in + " to " + normal.length());
    }
}
