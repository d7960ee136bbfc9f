package org.helpline.gateway.channel;

import java.time.Instant;

/**
 * One message from a young person, whatever the channel.
 *
 * @param messageId  the provider's id (Twilio {@code MessageSid}); retries carry the same one
 * @param from       who wrote it
 * @param text       the text, cleaned of control characters; may be empty (media only)
 * @param mediaCount attachments, never downloaded or forwarded
 * @param receivedAt when it arrived
 */
public record InboundMessage(String messageId, Address from, String text, int mediaCount, Instant receivedAt) {

    @Override
    public String toString() {
        return "InboundMessage[" + messageId + ", " + from.channel() + ", text redacted, media " + mediaCount + "]";
    }

    /** Removes control characters (except line breaks and tabs) that could corrupt a transcript or a page. */
    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            boolean control = Character.getType(cp) == Character.CONTROL && cp != '\n' && cp != '\t';
            boolean unpaired = Character.getType(cp) == Character.SURROGATE;
            if (!control && !unpaired) {
                out.appendCodePoint(cp == '\r' ? '\n' : cp);
            }
        });
        return out.toString().replace("\n\n", "\n").strip();
    }
}
