package org.helpline.gateway.campaign;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.helpline.dialogue.Engine;

/**
 * A campaign team's request checked whole: every problem found, each in words the team understands, or the campaign
 * to store.
 */
final class CampaignValidator {
    private static final Pattern TEMPLATE = Pattern.compile("HX[0-9a-fA-F]{32}");
    private static final Set<String> CHANNELS = Set.of("SMS", "WHATSAPP", "SIMULATOR");
    private final JsonMapper json;
    private final Clock clock;
    private final CampaignConfiguration config;
    private final Engine engine;

    CampaignValidator(JsonMapper json, Clock clock, CampaignConfiguration config, Engine engine) {
        this.json = json;
        this.clock = clock;
        this.config = config;
        this.engine = engine;
    }

    Campaign validate(CampaignService.Request r, String createdBy) {
        List<String> problems = new ArrayList<>();
        if (r.name() == null || r.name().isBlank() || r.name().length() > 120) {
            problems.add("name: give the campaign a name (at most 120 characters)");
        }
        Map<String, String> messages = new TreeMap<>();
        if (r.messages() != null) {
            r.messages().forEach((lang, text) -> {
                if (text != null && !text.isBlank()) {
                    messages.put(lang.strip().toLowerCase(Locale.ROOT), text.strip());
                }
            });
        }
        if (messages.isEmpty()) {
            problems.add("messages: write the message in at least one language");
        }
        messages.forEach((lang, text) -> {
            if (!lang.matches("[a-z]{2,3}")) {
                problems.add("messages: '" + lang + "' is not a language code (en, es, fr, sw ...)");
            }
            if (text.codePointCount(0, text.length()) > 1400) {
                problems.add("messages." + lang + ": at most 1,400 characters (the opt-out line is added)");
            }
        });
        String defaultLanguage = r.defaultLanguage() != null ? r.defaultLanguage().strip().toLowerCase(Locale.ROOT)
                : messages.containsKey(engine.flows().defaultLanguage()) ? engine.flows().defaultLanguage()
                : messages.keySet().stream().findFirst().orElse("en");
        if (!messages.isEmpty() && !messages.containsKey(defaultLanguage)) {
            problems.add("defaultLanguage: there is no message in '" + defaultLanguage + "', the language contacts "
                    + "without their own message fall back to");
        }
        Campaign.Audience a = r.audience() != null ? r.audience() : new Campaign.Audience(null, null, null);
        List<String> channels = a.channels().stream().map(ch -> ch.toUpperCase(Locale.ROOT)).toList();
        channels.stream().filter(ch -> !CHANNELS.contains(ch))
                .forEach(ch -> problems.add("audience.channels: unknown channel '" + ch + "' (SMS, WHATSAPP)"));
        a = new Campaign.Audience(a.tags(), a.languages(), channels);
        LocalTime quietStart = time(r.quietStart(), "21:00", "quietStart", problems);
        LocalTime quietEnd = time(r.quietEnd(), "08:00", "quietEnd", problems);
        double rate = r.ratePerSecond() == null ? 1.0 : r.ratePerSecond();
        if (!(rate > 0) || rate > config.maxRate()) {
            problems.add("ratePerSecond: between 0 and " + config.maxRate() + " messages per second (match your "
                    + "sender: a long code sends 1/s, toll-free 3/s, a short code 100/s)");
        }
        String template = r.whatsappTemplate() == null || r.whatsappTemplate().isBlank() ? null
                : r.whatsappTemplate().strip();
        if (a.reachesWhatsapp() && template == null) {
            problems.add("whatsappTemplate: WhatsApp contacts can only be sent an approved template (a ContentSid "
                    + "HX…) outside the 24-hour window; add one, or leave WHATSAPP out of the audience's channels");
        }
        if (template != null && !TEMPLATE.matcher(template).matches()) {
            problems.add("whatsappTemplate: a ContentSid is HX followed by 32 hexadecimal characters");
        }
        if (r.templateVariables() != null) {
            r.templateVariables().forEach((lang, vars) -> {
                try {
                    json.readValue(vars, Map.class);
                } catch (IOException | RuntimeException e) {
                    problems.add("templateVariables." + lang + ": not a JSON object like {\"1\":\"value\"}");
                }
            });
        }
        if (!problems.isEmpty()) {
            throw new CampaignService.Invalid(problems);
        }
        Instant now = clock.instant();
        Instant start = r.startAt() == null || r.startAt().isBefore(now) ? now : r.startAt();
        return new Campaign(UUID.randomUUID().toString().substring(0, 13).replace("-", ""), r.name().strip(),
                messages, defaultLanguage, a, start, quietStart, quietEnd, rate, template, r.templateVariables(),
                createdBy, now);
    }

    private static LocalTime time(String value, String fallback, String field, List<String> problems) {
        try {
            return LocalTime.parse(value == null || value.isBlank() ? fallback : value.strip());
        } catch (DateTimeParseException e) {
            problems.add(field + ": a time like 21:00");
            return LocalTime.parse(fallback);
        }
    }
}
