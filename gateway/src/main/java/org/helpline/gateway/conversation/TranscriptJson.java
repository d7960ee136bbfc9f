package org.helpline.gateway.conversation;

import java.util.List;

/**
 * The two JSON documents written for every transcript line ({@link TranscriptEntry}, and the {@link TranscriptText}
 * sealed inside it), written directly: character for character what the service's {@code ObjectMapper} writes for
 * them (fields in order, {@code null} written out, strings escaped as Jackson escapes them), without a generator, a
 * writer context and a bean introspection per document. Four documents per message through the mapper showed in the
 * gateway's CPU and allocation profile (docs/benchmarks-history.md). Reading them back stays with the mapper. {@code TranscriptJsonTest}
 * compares the two over random values.
 */
final class TranscriptJson {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private TranscriptJson() {
    }

    static String entry(TranscriptEntry e) {
        StringBuilder b = new StringBuilder(96 + e.sealed().length());
        b.append("{\"at\":");
        string(b, e.at());
        b.append(",\"direction\":");
        string(b, e.direction());
        b.append(",\"messageId\":");
        string(b, e.messageId());
        b.append(",\"risk\":");
        string(b, e.risk());
        b.append(",\"sealed\":");
        string(b, e.sealed());
        return b.append('}').toString();
    }

    static String text(TranscriptText t) {
        String text = t.text();
        StringBuilder b = new StringBuilder(32 + (text == null ? 0 : text.length() + text.length() / 8));
        b.append("{\"text\":");
        string(b, text);
        b.append(",\"reasons\":");
        List<String> reasons = t.reasons();
        if (reasons == null) {
            b.append("null");
        } else {
            b.append('[');
            for (int i = 0; i < reasons.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                string(b, reasons.get(i));
            }
            b.append(']');
        }
        return b.append('}').toString();
    }

    /**
     * A JSON string as the mapper writes it: quote, backslash and control characters escaped, and every UTF-16
     * surrogate as {@code \\uXXXX} (so text beyond the BMP is written as its pair of escapes); nothing else.
     */
    static void string(StringBuilder b, String s) {
        if (s == null) {
            b.append("null");
            return;
        }
        b.append('"');
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
                continue;
            }
            b.append(s, start, i);
            start = i + 1;
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\f' -> b.append("\\f");
                case '\r' -> b.append("\\r");
                default -> b.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF])
                        .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
            }
        }
        b.append(s, start, s.length()).append('"');
    }
}
