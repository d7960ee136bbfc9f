package org.helpline.gateway.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The helpline's minimum age for training consent reaches the engine (helpline.training-consent.min-age). */
class EngineFactoryTest {
    @Test
    void theMinimumAgeForTrainingConsentIsConfigured() {
        EngineFactory factory = new EngineFactory();
        assertEquals(16, factory.engine(-1).flows().trainingMinAge(), "unset: the flows' own (16)");
        assertEquals(18, factory.engine(18).flows().trainingMinAge());
        assertEquals(0, factory.engine(0).flows().trainingMinAge(), "0: no minimum, no age question");
        assertThrows(IllegalArgumentException.class, () -> factory.engine(40), "out of range stops the start-up");
    }
}
