package org.helpline.gateway.console;

import org.helpline.gateway.config.OperatingHours;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatingHoursTest {
    final OperatingHours hours = new OperatingHours("Europe/Madrid", false,
            Map.of("monday", "09:00-21:00", "tuesday", "09:00-21:00", "saturday", "00:00-24:00"),
            List.of("2026-12-29"));

    @Test
    void openWithinTheDaysHoursInTheHelplinesTimeZone() {
        // 08:30 UTC is 09:30 in Madrid (CET, winter)
        assertTrue(hours.openAt(ZonedDateTime.parse("2026-12-07T08:30:00Z")));
        assertFalse(hours.openAt(ZonedDateTime.parse("2026-12-07T07:30:00Z")), "08:30 in Madrid");
        assertFalse(hours.openAt(ZonedDateTime.parse("2026-12-07T20:30:00Z")), "21:30 in Madrid");
        assertTrue(hours.openAt(ZonedDateTime.parse("2026-12-12T22:30:00Z")), "Saturday 23:30 in Madrid: all day");
        assertFalse(hours.openAt(ZonedDateTime.parse("2026-12-12T23:30:00Z")), "already Sunday 00:30 in Madrid");
        assertFalse(hours.openAt(ZonedDateTime.parse("2026-12-09T10:00:00Z")), "Wednesday: closed");
        assertFalse(hours.openAt(ZonedDateTime.parse("2026-12-29T10:00:00Z")), "a holiday Tuesday");
    }

    @Test
    void nextOpeningSkipsClosedDaysAndHolidays() {
        assertEquals(ZonedDateTime.parse("2026-12-12T00:00+01:00[Europe/Madrid]"),
                hours.nextOpening(ZonedDateTime.parse("2026-12-09T10:00:00Z")).orElseThrow());
        assertEquals(ZonedDateTime.parse("2027-01-02T00:00+01:00[Europe/Madrid]"),
                hours.nextOpening(ZonedDateTime.parse("2026-12-28T21:00:00Z")).orElseThrow(),
                "Monday evening: Tuesday 29 is a holiday, so Saturday 2 January");
    }
}
