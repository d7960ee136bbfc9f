package org.helpline.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Map;
import org.helpline.nlp.RiskTier;
import org.junit.jupiter.api.Test;

class SessionTest {
    @Test
    void roundTripsThroughItsStoredForm() {
        Session s = new Session("menu", "start", "es", Instant.parse("2026-01-01T10:00:00Z"),
                Instant.parse("2026-01-01T10:05:00Z"), true, RiskTier.HIGH);
        assertEquals(s, Session.fromMap(s.toMap()));
        Session fresh = Session.fresh("en");
        assertEquals(fresh, Session.fromMap(fresh.toMap()));
        Session worried = s.withRunningRisk(1.2345);
        assertEquals(worried, Session.fromMap(worried.toMap()));
        assertEquals(0.0, s.withRunningRisk(Double.NaN).runningRisk(), "a corrupt score is no score");
        Session german = worried.withWritesIn("de");
        assertEquals(german, Session.fromMap(german.toMap()));
        assertEquals("de", Session.fromMap(german.toMap()).writesIn());
        assertEquals(null, german.withWritesIn(null).withLanguage("en").writesIn());
    }

    @Test
    void corruptStoredFormIsAClearError() {
        assertThrows(IllegalArgumentException.class, () -> Session.fromMap(Map.of("flow", "menu")));
        assertThrows(IllegalArgumentException.class,
                () -> Session.fromMap(Map.of("language", "en", "lastActivityAt", "yesterday")));
    }
}
