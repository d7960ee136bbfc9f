package org.helpline.gateway.twilio;

import java.util.List;

/**
 * Replies in a webhook's answer, as TwiML: one {@code <Message><Body>} per reply. Written directly, character for
 * character what the Twilio SDK's {@code MessagingResponse.toXml()} writes (TwimlTest compares the two over every
 * character of the BMP, ranges beyond it and the shapes a document takes): the SDK builds a DOM, looks its XML
 * factories up on the class path and runs an XSLT transformer for every document, which made the replies that carry
 * a number (a place in the queue) stand out in the gateway's profile (docs/benchmarks-history.md) for a few of the messages.
 *
 * <p>Escaped as the JDK's serializer does: {@code & < >}; control characters other than tab and line feed (so a
 * carriage return), and U+007F–U+009F, as numeric references; characters beyond the BMP as one numeric reference.
 * A lone surrogate cannot be written in UTF-8 and is refused, as the SDK refuses it.
 */
public final class Twiml {
    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    private Twiml() {
    }

    public static String messages(List<String> replies) {
        if (replies.isEmpty()) {
            return DECLARATION + "<Response/>";
        }
        StringBuilder xml = new StringBuilder(DECLARATION.length() + 24 + replies.size() * 160);
        xml.append(DECLARATION).append("<Response>");
        for (String reply : replies) {
            if (reply.isEmpty()) {
                xml.append("<Message><Body/></Message>");
                continue;
            }
            xml.append("<Message><Body>");
            escape(reply, xml);
            xml.append("</Body></Message>");
        }
        return xml.append("</Response>").toString();
    }

    private static void escape(String text, StringBuilder out) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\t', '\n' -> out.append(c);
                default -> {
                    if (c < 0x20 || c >= 0x7F && c <= 0x9F) {
                        out.append("&#").append((int) c).append(';');
                    } else if (Character.isHighSurrogate(c) && i + 1 < n
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append("&#").append(Character.toCodePoint(c, text.charAt(++i))).append(';');
                    } else if (Character.isSurrogate(c)) {
                        throw new IllegalArgumentException("a reply holds a lone UTF-16 surrogate at " + i);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
