package org.helpline.gateway.twilio;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A strict parser of {@code application/x-www-form-urlencoded} bodies, as Twilio posts them. It refuses invalid
 * percent-escapes, invalid UTF-8, repeated keys and too many fields, with a message that says which.
 */
public final class FormParser {
    /** The body could not be parsed; the message is safe to return to the caller (it holds no field values). */
    public static final class FormException extends RuntimeException {
        public FormException(String message) {
            super(message);
        }
    }

    private static final int MAX_FIELDS = 256;

    private FormParser() {
    }

    public static Map<String, String> parse(byte[] body) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body == null || body.length == 0) {
            return fields;
        }
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '&') {
                if (i > start) {
                    field(body, start, i, fields);
                }
                start = i + 1;
            }
        }
        return fields;
    }

    private static void field(byte[] body, int from, int to, Map<String, String> fields) {
        int eq = -1;
        for (int i = from; i < to; i++) {
            if (body[i] == '=') {
                eq = i;
                break;
            }
        }
        String key = decode(body, from, eq < 0 ? to : eq);
        String value = eq < 0 ? "" : decode(body, eq + 1, to);
        if (key.isEmpty()) {
            throw new FormException("a form field has no name");
        }
        if (fields.containsKey(key)) {
            throw new FormException("form field '" + safeName(key) + "' appears twice");
        }
        if (fields.size() >= MAX_FIELDS) {
            throw new FormException("too many form fields (more than " + MAX_FIELDS + ")");
        }
        fields.put(key, value);
    }

    private static String decode(byte[] body, int from, int to) {
        byte[] out = new byte[to - from];
        int n = 0;
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            int b = body[i];
            if (b == '+') {
                b = ' ';
            } else if (b == '%') {
                if (i + 2 >= to) {
                    throw new FormException("truncated percent-escape in form body");
                }
                int hi = Character.digit(body[i + 1], 16);
                int lo = Character.digit(body[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    throw new FormException("invalid percent-escape in form body");
                }
                b = (byte) (hi * 16 + lo);
                i += 2;
            }
            ascii &= b >= 0;
            out[n++] = (byte) b;
        }
        if (ascii) {
            // plain ASCII (most fields): the same characters in any ASCII-compatible charset, no decoder needed
            return new String(out, 0, n, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out, 0, n)).toString();
        } catch (CharacterCodingException e) {
            throw new FormException("form body is not valid UTF-8");
        }
    }

    private static String safeName(String key) {
        return key.length() > 40 || !key.matches("[A-Za-z0-9_]+") ? "(unusual name)" : key;
    }
}
