package org.helpline.gateway.conversation;

import io.micronaut.core.annotation.Nullable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.helpline.gateway.channel.InboundMessage;

/**
 * What we keep about a texter. The raw address is stored only encrypted, because it is needed to reply
 * asynchronously (counsellor replies, campaigns); everywhere else the conversation id (a keyed hash) stands for it.
 *
 * @param sealedAddress encrypted raw address
 * @param channel       SMS, WHATSAPP, SIMULATOR
 * @param region        ISO region of the number, for emergency numbers and time zone
 * @param language      preferred language
 * @param optedOut      the contact sent STOP
 * @param consentedAt   when the privacy notice was accepted
 * @param firstSeen     first message
 * @param lastInbound   last message from the texter (the WhatsApp 24-hour window starts here)
 */
public record Contact(String sealedAddress, String channel, @Nullable String region, String language,
                      boolean optedOut, @Nullable String consentedAt, String firstSeen, String lastInbound) {

    Contact withLastInbound(String at) {
        return new Contact(sealedAddress, channel, region, language, optedOut, consentedAt, firstSeen, at);
    }

    Contact withLanguage(String l) {
        return new Contact(sealedAddress, channel, region, l, optedOut, consentedAt, firstSeen, lastInbound);
    }

    Contact withOptedOut(boolean out) {
        return new Contact(sealedAddress, channel, region, language, out, consentedAt, firstSeen, lastInbound);
    }

    Contact withConsentedAt(String at) {
        return new Contact(sealedAddress, channel, region, language, optedOut, at, firstSeen, lastInbound);
    }

    /**
     * The texter's region: the one stored with the contact (worked out from this same number, since the conversation
     * id is its keyed hash), else from the number (libphonenumber's region lookup is not free).
     */
    static String region(Contact contact, InboundMessage m) {
        return contact != null && contact.region() != null ? contact.region() : m.from().region().orElse(null);
    }

    Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("address", sealedAddress);
        m.put("channel", channel);
        if (region != null) {
            m.put("region", region);
        }
        m.put("language", language);
        m.put("optedOut", Boolean.toString(optedOut));
        if (consentedAt != null) {
            m.put("consentedAt", consentedAt);
        }
        m.put("firstSeen", firstSeen);
        m.put("lastInbound", lastInbound);
        return m;
    }

    static Contact fromMap(Map<String, String> m) {
        if (m == null || m.isEmpty()) {
            return null;
        }
        return new Contact(m.get("address"), m.get("channel"), m.get("region"), m.getOrDefault("language", "en"),
                Boolean.parseBoolean(m.get("optedOut")), m.get("consentedAt"), m.get("firstSeen"),
                m.get("lastInbound"));
    }
}
