package org.helpline.gateway.campaign;

import io.micronaut.core.annotation.Nullable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A contact on the safety-message list. The raw address is kept only encrypted (it is needed to send); the id is the
 * same keyed hash that names the contact's conversation.
 *
 * @param status        {@code subscribed} or {@code opted_out}
 * @param consentSource how consent was given: {@code keyword:JOIN}, {@code flow}, {@code import}
 * @param consentRecord the consent evidence (for an import: the file's consent column, e.g. a form reference)
 */
public record Subscriber(String id, String sealedAddress, String channel, String language, List<String> tags,
                         String zone, String status, String consentSource, String consentAt,
                         @Nullable String consentRecord, @Nullable String optedOutAt) {
    public static final String SUBSCRIBED = "subscribed";
    public static final String OPTED_OUT = "opted_out";

    public boolean subscribed() {
        return SUBSCRIBED.equals(status);
    }

    @Override
    public String toString() {
        return "Subscriber[" + id.substring(0, 8) + ", " + channel + ", " + language + ", " + status + "]";
    }

    Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("address", sealedAddress);
        m.put("channel", channel);
        m.put("language", language);
        m.put("tags", String.join(",", tags));
        m.put("zone", zone);
        m.put("status", status);
        m.put("consentSource", consentSource);
        m.put("consentAt", consentAt);
        if (consentRecord != null) {
            m.put("consentRecord", consentRecord);
        }
        if (optedOutAt != null) {
            m.put("optedOutAt", optedOutAt);
        }
        return m;
    }

    static Subscriber fromMap(String id, Map<String, String> m) {
        if (m == null || m.isEmpty() || m.get("address") == null) {
            return null;
        }
        String tags = m.getOrDefault("tags", "");
        return new Subscriber(id, m.get("address"), m.getOrDefault("channel", "SMS"), m.getOrDefault("language", "en"),
                tags.isEmpty() ? List.of() : Arrays.asList(tags.split(",")), m.getOrDefault("zone", "UTC"),
                m.getOrDefault("status", SUBSCRIBED), m.getOrDefault("consentSource", "unknown"),
                m.getOrDefault("consentAt", ""), m.get("consentRecord"), m.get("optedOutAt"));
    }
}
