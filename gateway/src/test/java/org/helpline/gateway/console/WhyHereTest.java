package org.helpline.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.helpline.gateway.console.CounsellorDesk.Line;
import org.helpline.gateway.console.WhyHere.TierPoint;
import org.junit.jupiter.api.Test;

/**
 * The points of the tier chart: one per message of the young person's that carries a risk, in order, with the one
 * that first took the conversation to its highest tier marked; the bot's and counsellor's lines and unassessed
 * messages are not points, and a point carries no text.
 */
class WhyHereTest {
    private final WhyHere why = new WhyHere(new PlainReasons());

    private static CounsellorDesk.View view(List<Line> lines) {
        return new CounsellorDesk.View("c1", "HIGH", List.of(), "held", "ana", "SMS", "en", null, List.of(),
                List.of(), lines);
    }

    @Test
    void eachAssessedMessageIsAPointAndTheFirstAtTheHighestTierIsMarked() {
        WhyHere.Why w = why.open(view(List.of(
                new Line("2024-05-01T14:00:00Z", "in", "hi", "NONE", null),
                new Line("2024-05-01T14:00:05Z", "bot", "Hello", null, null),
                new Line("2024-05-01T14:01:00Z", "in", "can i talk to a counsellor", "LOW",
                        List.of("asked to talk to a counsellor")),
                new Line("2024-05-01T14:02:00Z", "in", "i want to die", "HIGH",
                        List.of("phrase 'want to die' (HIGH)")),
                new Line("2024-05-01T14:02:30Z", "counsellor", "I'm here", null, null),
                new Line("2024-05-01T14:03:00Z", "in", "i still want to die", "HIGH", null),
                new Line("2024-05-01T14:04:00Z", "in", "sent before the check", null, null),
                new Line("2024-05-01T14:05:00Z", "in", "ok thanks", "NONE", null))), false).why();

        assertEquals(List.of(
                new TierPoint("2024-05-01T14:00:00Z", "NONE", false),
                new TierPoint("2024-05-01T14:01:00Z", "LOW", false),
                new TierPoint("2024-05-01T14:02:00Z", "HIGH", true),
                new TierPoint("2024-05-01T14:03:00Z", "HIGH", false),
                new TierPoint("2024-05-01T14:05:00Z", "NONE", false)), w.tierSeries());
        assertEquals("2024-05-01T14:02:00Z", w.mattered().at(), "the marked point is the message that mattered");
        assertEquals(List.of("LOW", "HIGH"), w.tierOverTime().stream().map(WhyHere.TierStep::tier).toList());
    }

    @Test
    void aConversationThatNeverRoseHasNoMarkedPoint() {
        WhyHere.Why w = why.open(view(List.of(
                new Line("2024-05-01T14:00:00Z", "in", "hi", "NONE", null),
                new Line("2024-05-01T14:01:00Z", "in", "ok", "NONE", null))), false).why();
        assertEquals(2, w.tierSeries().size());
        assertFalse(w.tierSeries().stream().anyMatch(TierPoint::highest));
    }
}
