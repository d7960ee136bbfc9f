package org.helpline.gateway.campaign;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.helpline.gateway.channel.Address;
import org.helpline.gateway.channel.Channel;
import org.helpline.gateway.channel.FictionalNumbers;
import org.helpline.gateway.config.HelplineConfiguration;

/**
 * Imports contacts who consented elsewhere (a paper form, a school programme) from CSV. Every row must carry its
 * consent record. Numbers are validated to E.164 with libphonenumber (local numbers read in the helpline's default
 * country), duplicates are reported, and contacts who opted out are never re-subscribed. By default a file with any
 * rejected row imports nothing and says so; {@code partial} imports the valid rows and reports the others.
 *
 * <p>Columns (header row required, any order): {@code phone}, {@code consent_at} (date or date-time),
 * {@code consent_record} (the evidence, e.g. a form reference) are required; {@code channel} (sms, whatsapp),
 * {@code language}, {@code tags} (separated by {@code ;}), {@code timezone} are optional.
 */
@Singleton
public class CsvImport {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final List<String> REQUIRED = List.of("phone", "consent_at", "consent_record");
    private static final List<String> KNOWN = List.of("phone", "channel", "language", "tags", "timezone",
            "consent_at", "consent_record", "consent_source");
    /** Rejected rows listed one by one in a report (the count is always complete). */
    static final int LISTED = 1000;

    /** One rejected line: its number in the file (the header is line 1) and why. */
    @Serdeable
    public record Rejected(int line, String reason) {
    }

    @Serdeable
    public record Report(int rows, int imported, int alreadySubscribed, int rejectedCount, List<Rejected> rejected,
                         boolean committed, String message) {
    }

    private final Subscribers subscribers;
    private final CampaignConfiguration config;
    private final String defaultRegion;
    private final String defaultLanguage;
    private final Clock clock;
    /** {@code helpline.fictional-numbers-allowed}: on in the development run only. */
    private final boolean fictionalAllowed;

    public CsvImport(Subscribers subscribers, CampaignConfiguration config, HelplineConfiguration helpline,
                     Clock clock) {
        this(subscribers, config, helpline, clock, false);
    }

    @jakarta.inject.Inject
    public CsvImport(Subscribers subscribers, CampaignConfiguration config, HelplineConfiguration helpline,
                     Clock clock,
                     @io.micronaut.context.annotation.Value("${helpline.fictional-numbers-allowed:false}")
                     boolean fictionalAllowed) {
        this.fictionalAllowed = fictionalAllowed;
        this.subscribers = subscribers;
        this.config = config;
        this.defaultRegion = helpline.defaultCountry();
        this.defaultLanguage = helpline.defaultLanguage();
        this.clock = clock;
    }

    public Report run(String csv, boolean partial) {
        List<Rejected> rejected = new ArrayList<>();
        int[] rejectedCount = {0};
        List<List<String>> rows;
        try {
            rows = parse(csv);
        } catch (IllegalArgumentException e) {
            return new Report(0, 0, 0, 1, List.of(new Rejected(lineOf(e), e.getMessage())), false,
                    "Nothing was imported: the file is not valid CSV.");
        }
        if (rows.isEmpty()) {
            return new Report(0, 0, 0, 0, List.of(), false, "Nothing was imported: the file is empty.");
        }
        List<String> header = rows.get(0).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        List<String> missing = REQUIRED.stream().filter(h -> !header.contains(h)).toList();
        List<String> unknown = header.stream().filter(h -> !KNOWN.contains(h)).toList();
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            String why = (missing.isEmpty() ? "" : "missing column(s) " + missing + ". ")
                    + (unknown.isEmpty() ? "" : "unknown column(s) " + unknown + ". ")
                    + "Columns: " + KNOWN + " (phone, consent_at and consent_record are required).";
            return new Report(rows.size() - 1, 0, 0, 1, List.of(new Rejected(1, why.strip())), false,
                    "Nothing was imported: the header row is wrong.");
        }
        if (rows.size() - 1 > config.importMaxRows()) {
            return new Report(rows.size() - 1, 0, 0, 1, List.of(new Rejected(1, "more than "
                    + config.importMaxRows() + " rows: split the file")), false, "Nothing was imported: too many rows.");
        }
        Map<String, Integer> seen = new HashMap<>();
        List<Subscribers.Join> valid = new ArrayList<>();
        List<Integer> validLines = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            int line = i + 1;
            List<String> row = rows.get(i);
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue; // blank line
            }
            Map<String, String> v = new HashMap<>();
            for (int c = 0; c < header.size(); c++) {
                v.put(header.get(c), c < row.size() ? row.get(c).strip() : "");
            }
            if (row.size() != header.size()) {
                reject(rejected, rejectedCount, line, "has " + row.size() + " fields, the header has " + header.size());
                continue;
            }
            String problem = null;
            Channel channel = switch (v.getOrDefault("channel", "").toLowerCase(Locale.ROOT)) {
                case "", "sms" -> Channel.SMS;
                case "whatsapp" -> Channel.WHATSAPP;
                default -> null;
            };
            if (channel == null) {
                problem = "channel '" + v.get("channel") + "' is not sms or whatsapp";
            }
            String e164 = null;
            if (problem == null) {
                try {
                    Phonenumber.PhoneNumber n = PHONES.parse(v.get("phone"), defaultRegion);
                    String formatted = PHONES.format(n, PhoneNumberUtil.PhoneNumberFormat.E164);
                    var fictional = FictionalNumbers.range(formatted);
                    if (fictional.isPresent()) {
                        // libphonenumber calls some of these invalid and others valid: decided here, before it
                        if (fictionalAllowed) {
                            e164 = formatted;
                        } else {
                            problem = "'" + mask(v.get("phone")) + "' is a fictional test number ("
                                    + fictional.get() + "): accepted only in the development run, whose messages "
                                    + "go to the local stand-in";
                        }
                    } else if (!PHONES.isValidNumber(n)) {
                        problem = "'" + mask(v.get("phone")) + "' is not a valid phone number"
                                + (v.get("phone").startsWith("+") ? "" : " in " + defaultRegion
                                + " (write it as +<country code><number>)");
                    } else {
                        e164 = PHONES.format(n, PhoneNumberUtil.PhoneNumberFormat.E164);
                    }
                } catch (NumberParseException e) {
                    problem = "'" + mask(v.get("phone")) + "' is not a phone number (" + e.getErrorType() + ")";
                }
            }
            String language = v.getOrDefault("language", "").toLowerCase(Locale.ROOT);
            if (language.isEmpty()) {
                language = defaultLanguage;
            }
            if (problem == null && !language.matches("[a-z]{2,3}")) {
                problem = "language '" + v.get("language") + "' is not a language code (en, es ...)";
            }
            List<String> tags = v.getOrDefault("tags", "").isBlank() ? List.of()
                    : Arrays.stream(v.get("tags").split("[;|]")).map(t -> t.strip().toLowerCase(Locale.ROOT))
                    .filter(t -> !t.isEmpty()).distinct().toList();
            if (problem == null) {
                for (String t : tags) {
                    if (!t.matches("[a-z0-9_-]{1,40}")) {
                        problem = "tag '" + t + "' may use only letters, digits, - and _ (at most 40)";
                        break;
                    }
                }
            }
            String zone = v.getOrDefault("timezone", "");
            if (problem == null && !zone.isEmpty()) {
                try {
                    zone = ZoneId.of(zone).getId();
                } catch (DateTimeException e) {
                    problem = "timezone '" + zone + "' is not a time zone (e.g. Africa/Nairobi)";
                }
            }
            String consentAt = null;
            if (problem == null) {
                try {
                    consentAt = consentTime(v.get("consent_at")).toString();
                } catch (DateTimeException e) {
                    problem = "consent_at '" + v.get("consent_at") + "' is not a date (2026-03-01 or "
                            + "2026-03-01T10:00:00Z)";
                }
            }
            if (problem == null && Instant.parse(consentAt).isAfter(clock.instant().plusSeconds(86_400))) {
                problem = "consent_at is in the future";
            }
            if (problem == null && v.get("consent_record").isBlank()) {
                problem = "no consent record: every contact needs the evidence of their consent";
            }
            if (problem == null) {
                String key = channel + e164;
                Integer first = seen.putIfAbsent(key, line);
                if (first != null) {
                    problem = "duplicate of line " + first + " (same number and channel)";
                }
            }
            if (problem != null) {
                reject(rejected, rejectedCount, line, problem);
                continue;
            }
            String source = v.getOrDefault("consent_source", "");
            valid.add(new Subscribers.Join(Address.of(channel, e164), language, tags, zone.isEmpty() ? null : zone,
                    "import" + (source.isEmpty() ? "" : ":" + source), consentAt, v.get("consent_record")));
            validLines.add(line);
        }
        // STOP wins: contacts who opted out are refused, whatever their consent record says
        List<Subscribers.Join> toImport = new ArrayList<>();
        int already = 0;
        for (int i = 0; i < valid.size(); i++) {
            Subscribers.Join j = valid.get(i);
            String id = subscribers.idOf(j.address());
            Subscriber existing = subscribers.get(id).orElse(null);
            if (existing != null && !existing.subscribed() || subscribers.contactOptedOut(id)) {
                reject(rejected, rejectedCount, validLines.get(i),
                        "this contact opted out (STOP): an import cannot put them back on the list");
            } else {
                if (existing != null) {
                    already++;
                }
                toImport.add(j);
            }
        }
        int rows0 = rows.size() - 1;
        if (rejectedCount[0] > 0 && !partial) {
            return new Report(rows0, 0, 0, rejectedCount[0], rejected, false, "Nothing was imported: "
                    + rejectedCount[0] + " row(s) were rejected. Fix them, or import with partial=true to add the "
                    + toImport.size() + " valid row(s) only.");
        }
        subscribers.subscribeAll(toImport);
        return new Report(rows0, toImport.size() - already, already, rejectedCount[0], rejected, true,
                (toImport.size() - already) + " contact(s) added, " + already + " updated"
                        + (rejectedCount[0] > 0 ? ", " + rejectedCount[0] + " row(s) rejected and not imported." : "."));
    }

    private static void reject(List<Rejected> rejected, int[] count, int line, String why) {
        count[0]++;
        if (rejected.size() < LISTED) {
            rejected.add(new Rejected(line, why));
        }
    }

    /** A report names a bad number without repeating all of it: enough to find the row, not to read the number. */
    static String mask(String phone) {
        if (phone == null || phone.length() <= 4) {
            return phone == null ? "" : "…";
        }
        return "…" + phone.substring(phone.length() - 3);
    }

    private static Instant consentTime(String s) {
        if (s == null || s.isBlank()) {
            throw new DateTimeException("empty");
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeException e) {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }

    private static int lineOf(IllegalArgumentException e) {
        String m = e.getMessage();
        int at = m.indexOf("line ");
        if (at >= 0) {
            String digits = m.substring(at + 5).replaceAll("[^0-9].*", "");
            if (!digits.isEmpty()) {
                return Integer.parseInt(digits);
            }
        }
        return 0;
    }

    /** RFC 4180: commas, double-quoted fields with "" escapes and line breaks inside quotes; CRLF or LF. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int line = 1;
        String s = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            any = true;
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    field.append(ch);
                }
            } else if (ch == '"' && field.length() == 0) {
                quoted = true;
            } else if (ch == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                any = false;
                line++;
            } else {
                field.append(ch);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("line " + line + ": a quoted field is never closed");
        }
        if (any) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
