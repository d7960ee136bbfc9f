package org.helpline.gateway.campaign;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * A broadcast of one safety message to an audience of the list.
 *
 * @param messages          text per language; a contact whose language has none gets {@code defaultLanguage}'s
 * @param audience          who gets it (empty lists mean "any")
 * @param startAt           not before this time
 * @param quietStart        no message in the recipient's local time from this hour ...
 * @param quietEnd          ... until this one (a window over midnight, e.g. 21:00-08:00, is the usual case)
 * @param ratePerSecond     sending rate across every instance: match the sender (long code 1/s, toll-free 3/s,
 *                          short code 100/s, or what the Messaging Service allows)
 * @param whatsappTemplate  approved template (ContentSid {@code HX…}) for WhatsApp recipients: broadcasts fall outside
 *                          WhatsApp's 24-hour window, where free text is refused
 * @param templateVariables the template's variables per language, as Twilio's ContentVariables JSON
 */
@Serdeable
public record Campaign(String id, String name, Map<String, String> messages, String defaultLanguage,
                       Audience audience, Instant startAt, LocalTime quietStart, LocalTime quietEnd,
                       double ratePerSecond, @Nullable String whatsappTemplate,
                       @Nullable Map<String, String> templateVariables, String createdBy, Instant createdAt) {

    /** Who a campaign reaches: contacts having any of the tags, any of the languages, any of the channels. */
    @Serdeable
    public record Audience(List<String> tags, List<String> languages, List<String> channels) {
        public Audience {
            tags = tags == null ? List.of() : List.copyOf(tags);
            languages = languages == null ? List.of() : List.copyOf(languages);
            channels = channels == null ? List.of() : List.copyOf(channels);
        }

        boolean reachesWhatsapp() {
            return channels.isEmpty() || channels.contains("WHATSAPP");
        }
    }

    /** The text for a contact's language. */
    public String messageFor(String language) {
        String m = messages.get(language);
        return m != null ? m : messages.get(defaultLanguage);
    }

    /** Whether {@code local} (the recipient's wall-clock time) falls in the quiet hours. */
    public boolean quietAt(LocalTime local) {
        if (quietStart.equals(quietEnd)) {
            return false;
        }
        if (quietStart.isBefore(quietEnd)) {
            return !local.isBefore(quietStart) && local.isBefore(quietEnd);
        }
        return !local.isBefore(quietStart) || local.isBefore(quietEnd);
    }
}
