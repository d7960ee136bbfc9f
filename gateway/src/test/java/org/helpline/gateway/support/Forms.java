package org.helpline.gateway.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds Twilio-style form bodies for tests. */
public final class Forms {
    private Forms() {
    }

    public static String encode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** A typical inbound SMS webhook's fields. */
    public static Map<String, String> inbound(String sid, String from, String body) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ToCountry", "GB");
        m.put("SmsMessageSid", sid);
        m.put("NumMedia", "0");
        m.put("SmsSid", sid);
        m.put("SmsStatus", "received");
        m.put("Body", body);
        m.put("To", "+447700900999");
        m.put("NumSegments", "1");
        m.put("MessageSid", sid);
        m.put("AccountSid", "AC00000000000000000000000000000000");
        m.put("From", from);
        m.put("ApiVersion", "2010-04-01");
        return m;
    }
}
