package org.helpline.gateway.conversation;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.helpline.dialogue.Engine;
import org.helpline.gateway.config.OperatingHours;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.gateway.queue.QueueState;

/**
 * What the flows' messages may name for this texter: their own country's emergency and child-helpline numbers (never
 * another country's), where to report an image, when counsellors are back, and, while they wait, their place in line.
 */
@Singleton
class ReplyVariables {
    private final SafetyNumbers safety;
    private final ReportRoutes reportRoutes;
    private final OperatingHours hours;
    private final Engine engine;
    private final LiveQueue queue;

    ReplyVariables(SafetyNumbers safety, ReportRoutes reportRoutes, OperatingHours hours, Engine engine,
                   LiveQueue queue) {
        this.safety = safety;
        this.reportRoutes = reportRoutes;
        this.hours = hours;
        this.engine = engine;
        this.queue = queue;
    }

    /** {@code state}: the conversation's place in the live queue ({@code null}: not in it). */
    Map<String, String> of(String id, String region, String language, Instant now, QueueState state) {
        Map<String, String> variables = new HashMap<>(safety.variables(region));
        variables.putAll(reportRoutes.variables(region, language));
        variables.put("hours_notice", hoursNotice(language, variables, now));
        if (state == QueueState.WAITING) {
            // help while in line: the engine answers "how long" with what is known (the queue's figures are input)
            queue.inLine(id).ifPresent(in -> {
                variables.put("position", Long.toString(in.position()));
                in.minutes().ifPresent(min -> variables.put("minutes", Long.toString(min)));
            });
        }
        return variables;
    }

    /** Outside operating hours: when counsellors are back, and the emergency number, rendered for the reply. */
    private String hoursNotice(String language, Map<String, String> variables, Instant now) {
        ZonedDateTime at = now.atZone(ZoneOffset.UTC);
        if (hours.openAt(at)) {
            return "";
        }
        String nextOpen = hours.nextOpening(at)
                .map(t -> t.format(DateTimeFormatter.ofPattern("EEEE HH:mm", Locale.forLanguageTag(language))))
                .orElse("soon");
        Map<String, String> vars = new HashMap<>(variables);
        vars.put("next_open", nextOpen);
        return engine.flows().catalogue().render(language, "queue.after_hours", vars);
    }
}
