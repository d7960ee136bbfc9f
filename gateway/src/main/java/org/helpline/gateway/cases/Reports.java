package org.helpline.gateway.cases;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.helpline.gateway.config.OperatingHours;
import org.helpline.nlp.RiskTier;

/**
 * The supervisors' reports from the case records ({@link CaseRecords}): contacts and escalations per day and per hour
 * of day, waits by tier (median and 95th percentile), categories, outcomes, referrals and how the counsellors' review
 * of the risk agrees with the tier the conversation was escalated at; and the same records as CSV, formula-safe, with
 * no phone number and no text.
 *
 * <p>Contacts are every record: the cases counsellors closed and the waits that ended without a counsellor
 * ({@link Outcome#endedWaiting()}: went silent, opted out), as statutory and Child Helpline International reporting
 * count them; of those, "not answered" ({@link CaseRecord#notAnswered()}) are the ones no person ever answered. The
 * escalations count them too (a HIGH or IMMINENT young person who gave up waiting is the one a supervisor most needs
 * to see). Categories, referrals and the risk review are what counsellors record at close, so they count the cases
 * counsellors closed only; the waits by tier are the waits before a first answer, the unanswered counted apart.
 * Days and hours are the helpline's ({@code helpline.hours.zone}) unless a report asks for another time zone.
 */
@Singleton
public class Reports {
    /**
     * One day. {@code escalations}: HIGH/IMMINENT cases and referrals (an outcome of referral, or a referral
     * recorded); {@code reviewed}: cases whose counsellor gave the risk level at close, {@code agreed}: of those, the
     * ones where it was the tier the case was escalated at; {@code notAnswered}: of the contacts, those no person
     * answered (the wait ended first).
     */
    @Serdeable
    public record Day(String date, long contacts, long escalations, long reviewed, long agreed, long notAnswered) {
    }

    /**
     * One hour of the day (0-23) over the whole period: the cases whose young person reached the queue in it (when
     * a record does not know, older ones, the hour it was closed), and of them escalations and those not answered as
     * in {@link Day}.
     */
    @Serdeable
    public record Hour(int hour, long contacts, long escalations, long notAnswered) {
    }

    /** Cases escalated at tier {@code model} that the counsellor said were {@code counsellor}. */
    @Serdeable
    public record Cell(RiskTier model, RiskTier counsellor, long count) {
    }

    /**
     * The tier a case was escalated at against the tier its counsellor gave at close (cases without a review are
     * left out). {@code missed}: the counsellor said HIGH or IMMINENT and the tier was below (the failure that
     * matters most); {@code falseAlarms}: the tier was HIGH or IMMINENT and the counsellor said below.
     * {@code matrix}: every pair of tiers, model tier first, in tier order.
     */
    @Serdeable
    public record Agreement(long reviewed, long agreed, long missed, long falseAlarms, List<Cell> matrix) {
    }

    /**
     * Waits before a person first answered, in one tier ({@code cases} of them), and apart from them the contacts at
     * that tier nobody answered ({@code notAnswered}) with the median time they waited until the wait ended
     * ({@code notAnsweredMedianSeconds}, {@code null} for none).
     */
    @Serdeable
    public record Waits(String tier, long cases, Long medianSeconds, Long p95Seconds, long notAnswered,
                        Long notAnsweredMedianSeconds) {
    }

    /** A count of something named. */
    @Serdeable
    public record Count(String code, String label, long count) {
    }

    /**
     * The report over {@code days} days up to today, days and hours in {@code zone}. {@code referrals}: cases per
     * place referred to (a case referred to two places counts in both; {@code NONE}: recorded as no referral);
     * {@code referralsNotRecorded}: cases whose record says nothing about a referral (older ones).
     * {@code contacts}: every record, {@code notAnswered} of them no person answered, {@code counsellorCases} the
     * ones a counsellor closed (what categories, referrals and the risk review are counted over).
     */
    @Serdeable
    public record Report(String from, String to, String zone, long contacts, long notAnswered, long counsellorCases,
                         long escalations, List<Day> days,
                         List<Hour> hours, List<Waits> waits, List<Count> categories, List<Count> outcomes,
                         List<Count> referrals, long referralsNotRecorded, Agreement agreement) {
    }

    private final CaseRecords records;
    private final Clock clock;
    private final ZoneId helplineZone;

    public Reports(CaseRecords records, Clock clock, OperatingHours hours) {
        this.records = records;
        this.clock = clock;
        this.helplineZone = zoneOr(hours.zone(), ZoneOffset.UTC);
    }

    private static ZoneId zoneOr(String zone, ZoneId otherwise) {
        try {
            return zone == null || zone.isBlank() ? otherwise : ZoneId.of(zone);
        } catch (RuntimeException e) {
            return otherwise;
        }
    }

    private ZoneId zone(String zone) {
        return zoneOr(zone, helplineZone);
    }

    private long start(int days, ZoneId zone) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        return today.minusDays(Math.max(1, days) - 1L).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    static boolean escalation(CaseRecord r) {
        return "HIGH".equals(r.tier()) || "IMMINENT".equals(r.tier()) || r.outcome().referral()
                || (r.referrals() != null && r.referrals().stream().anyMatch(x -> x != Referral.NONE));
    }

    public Report report(int days, String zoneName, Map<String, String> categoryLabels) {
        ZoneId zone = zone(zoneName);
        long since = start(days, zone);
        List<CaseRecord> all = records.since(since);
        TreeMap<LocalDate, long[]> byDay = new TreeMap<>();
        LocalDate first = Instant.ofEpochMilli(since).atZone(zone).toLocalDate();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            byDay.put(d, new long[5]);
        }
        Map<String, List<Long>> waits = new LinkedHashMap<>();
        Map<String, List<Long>> unanswered = new LinkedHashMap<>();
        for (String t : List.of("IMMINENT", "HIGH", "LOW")) {
            waits.put(t, new ArrayList<>());
            unanswered.put(t, new ArrayList<>());
        }
        Map<String, Long> categories = new LinkedHashMap<>();
        categoryLabels.keySet().forEach(k -> categories.put(k, 0L));
        Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            outcomes.put(o, 0L);
        }
        Map<Referral, Long> referrals = new EnumMap<>(Referral.class);
        for (Referral x : Referral.values()) {
            referrals.put(x, 0L);
        }
        long referralsNotRecorded = 0;
        long[][] hours = new long[24][3];
        long escalations = 0;
        long notAnswered = 0;
        long counsellorCases = 0;
        long[][] matrix = new long[RiskTier.values().length][RiskTier.values().length];
        for (CaseRecord r : all) {
            long[] day = byDay.computeIfAbsent(Instant.ofEpochMilli(r.closedAt()).atZone(zone).toLocalDate(),
                    d -> new long[5]);
            long[] hour = hours[Instant.ofEpochMilli(r.arrivedAt() == null ? r.closedAt() : r.arrivedAt())
                    .atZone(zone).getHour()];
            day[0]++;
            hour[0]++;
            if (escalation(r)) {
                day[1]++;
                hour[1]++;
                escalations++;
            }
            if (r.notAnswered()) {
                day[4]++;
                hour[2]++;
                notAnswered++;
                unanswered.computeIfAbsent(r.tier(), t -> new ArrayList<>()).add(r.arrivedAt() == null ? 0
                        : Math.max(0, r.closedAt() - r.arrivedAt()));
            }
            if (r.waitMillis() != null) {
                waits.computeIfAbsent(r.tier(), t -> new ArrayList<>()).add(r.waitMillis());
            }
            outcomes.merge(r.outcome(), 1L, Long::sum);
            if (r.outcome().endedWaiting()) {
                continue;                        // no counsellor recorded categories, a referral or a review
            }
            counsellorCases++;
            if (r.referrals() == null) {
                referralsNotRecorded++;
            } else {
                r.referrals().forEach(x -> referrals.merge(x, 1L, Long::sum));
            }
            r.categories().forEach(c -> categories.merge(c, 1L, Long::sum));
            if (r.reviewedTier() != null) {
                RiskTier model = tier(r.tier());
                matrix[model.ordinal()][r.reviewedTier().ordinal()]++;
                day[2]++;
                if (model == r.reviewedTier()) {
                    day[3]++;
                }
            }
        }
        List<Day> dayList = new ArrayList<>();
        byDay.forEach((d, n) -> dayList.add(new Day(d.toString(), n[0], n[1], n[2], n[3], n[4])));
        List<Hour> hourList = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            hourList.add(new Hour(h, hours[h][0], hours[h][1], hours[h][2]));
        }
        List<Waits> waitList = new ArrayList<>();
        unanswered.keySet().forEach(t -> waits.computeIfAbsent(t, x -> new ArrayList<>()));
        waits.forEach((t, w) -> {
            List<Long> gone = unanswered.getOrDefault(t, List.of());
            waitList.add(new Waits(t, w.size(), percentile(w, 50), percentile(w, 95), gone.size(),
                    percentile(gone, 50)));
        });
        List<Count> catList = new ArrayList<>();
        categories.forEach((c, n) -> catList.add(new Count(c, categoryLabels.getOrDefault(c, c), n)));
        catList.sort((a, b) -> Long.compare(b.count(), a.count()));
        List<Count> outList = new ArrayList<>();
        outcomes.forEach((o, n) -> outList.add(new Count(o.name(), o.label(), n)));
        List<Count> refList = new ArrayList<>();
        referrals.forEach((x, n) -> refList.add(new Count(x.name(), x.label(), n)));
        return new Report(first.toString(), today.toString(), zone.getId(), all.size(), notAnswered,
                counsellorCases, escalations, dayList,
                hourList, waitList, catList, outList, refList, referralsNotRecorded, agreement(matrix));
    }

    /** A stored tier name; a record written without one (or with an unknown one) counts as NONE. */
    static RiskTier tier(String name) {
        try {
            return name == null ? RiskTier.NONE : RiskTier.valueOf(name);
        } catch (IllegalArgumentException e) {
            return RiskTier.NONE;
        }
    }

    static Agreement agreement(long[][] matrix) {
        long reviewed = 0;
        long agreed = 0;
        long missed = 0;
        long falseAlarms = 0;
        List<Cell> cells = new ArrayList<>();
        for (RiskTier model : RiskTier.values()) {
            for (RiskTier counsellor : RiskTier.values()) {
                long n = matrix[model.ordinal()][counsellor.ordinal()];
                cells.add(new Cell(model, counsellor, n));
                reviewed += n;
                if (model == counsellor) {
                    agreed += n;
                }
                boolean modelHigh = model.atLeast(RiskTier.HIGH);
                boolean counsellorHigh = counsellor.atLeast(RiskTier.HIGH);
                if (counsellorHigh && !modelHigh) {
                    missed += n;
                } else if (modelHigh && !counsellorHigh) {
                    falseAlarms += n;
                }
            }
        }
        return new Agreement(reviewed, agreed, missed, falseAlarms, cells);
    }

    /** Nearest-rank percentile in seconds; {@code null} for no waits. */
    static Long percentile(List<Long> millis, int p) {
        if (millis.isEmpty()) {
            return null;
        }
        long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1000;
    }

    /**
     * The records as CSV, one case a row; cells that a spreadsheet would run as a formula are made text. A wait that
     * ended without a counsellor is a row with its outcome, no counsellor, no categories and no wait before an
     * answer ({@code wait_seconds} empty when nobody answered); {@code arrived_at} with {@code closed_at} says how
     * long it waited ({@code arrived_at} empty in records older than it).
     */
    public String csv(int days, String zoneName) {
        ZoneId zone = zone(zoneName);
        StringBuilder out = new StringBuilder(
                "case_id,closed_at,date,counsellor,tier,wait_seconds,categories,age_band,gender,outcome,"
                        + "reviewed_tier,referrals,arrived_at\r\n");
        for (CaseRecord r : records.since(start(days, zone))) {
            ZonedDateTime at = Instant.ofEpochMilli(r.closedAt()).atZone(zone);
            out.append(String.join(",", cell(r.caseId()), cell(at.toOffsetDateTime().toString()),
                    cell(at.toLocalDate().toString()), cell(r.counsellor()), cell(r.tier()),
                    r.waitMillis() == null ? "" : Long.toString(r.waitMillis() / 1000),
                    cell(String.join(";", r.categories())), cell(r.ageBand().name()), cell(r.gender().name()),
                    cell(r.outcome().name()), r.reviewedTier() == null ? "" : r.reviewedTier().name(),
                    r.referrals() == null ? ""
                            : cell(String.join(";", r.referrals().stream().map(Referral::name).toList())),
                    r.arrivedAt() == null ? ""
                            : cell(Instant.ofEpochMilli(r.arrivedAt()).atZone(zone).toOffsetDateTime().toString())))
                    .append("\r\n");
        }
        return out.toString();
    }

    /** One CSV cell: quoted when needed; a leading = + - @ (or tab, CR) is prefixed with ' so it stays text. */
    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
