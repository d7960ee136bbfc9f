package org.helpline.gateway.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * When counsellors are on duty ({@code helpline.hours.*}): a time zone, opening hours per day of week
 * ({@code monday: "09:00-21:00"}, absent day = closed, {@code "00:00-24:00"} = all day) and holidays (ISO dates).
 * Outside them an escalation still enters the queue, and the texter is told when counsellors are back and given the
 * emergency numbers at once.
 */
@ConfigurationProperties("helpline.hours")
public record OperatingHours(@Bindable(defaultValue = "UTC") String zone,
                             @Bindable(defaultValue = "true") boolean alwaysOpen,
                             @io.micronaut.core.annotation.Nullable Map<String, String> weekly,
                             @io.micronaut.core.annotation.Nullable List<String> holidays) {

    public boolean openAt(ZonedDateTime when) {
        if (alwaysOpen) {
            return true;
        }
        ZonedDateTime local = when.withZoneSameInstant(ZoneId.of(zone));
        if (holidays != null && holidays.contains(local.toLocalDate().toString())) {
            return false;
        }
        String range = weekly == null ? null : weekly.get(local.getDayOfWeek().name().toLowerCase(Locale.ROOT));
        if (range == null || range.isBlank()) {
            return false;
        }
        String[] parts = range.split("-");
        LocalTime from = LocalTime.parse(parts[0].trim());
        String to = parts[1].trim();
        LocalTime t = local.toLocalTime();
        return !t.isBefore(from) && ("24:00".equals(to) || t.isBefore(LocalTime.parse(to)));
    }

    /** The next opening time after {@code when}, within two weeks. */
    public Optional<ZonedDateTime> nextOpening(ZonedDateTime when) {
        if (alwaysOpen) {
            return Optional.of(when);
        }
        ZonedDateTime local = when.withZoneSameInstant(ZoneId.of(zone));
        for (int d = 0; d < 15; d++) {
            LocalDate day = local.toLocalDate().plusDays(d);
            if (holidays != null && holidays.contains(day.toString())) {
                continue;
            }
            String range = weekly == null ? null : weekly.get(day.getDayOfWeek().name().toLowerCase(Locale.ROOT));
            if (range == null || range.isBlank()) {
                continue;
            }
            ZonedDateTime opens = day.atTime(LocalTime.parse(range.split("-")[0].trim())).atZone(ZoneId.of(zone));
            if (opens.isAfter(local)) {
                return Optional.of(opens);
            }
            if (openAt(local) && d == 0) {
                return Optional.of(local);
            }
        }
        return Optional.empty();
    }

    static String dayName(DayOfWeek d) {
        return d.name().charAt(0) + d.name().substring(1).toLowerCase(Locale.ROOT);
    }
}
