package org.helpline.gateway.channel;

import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.messaging.Body;
import com.twilio.twiml.messaging.Message;
import java.util.List;

/**
 * Replies in a webhook's answer, as TwiML built with the SDK: one {@code <Message>} per reply. The SDK builds a DOM
 * and an XSLT transformer for every document, so documents are kept: most replies are a flow's catalogue texts and
 * recur. Replies that carry a number that changes (a place in the queue) miss and are built each time. The cache holds
 * bot texts only, never a texter's, and is emptied when it reaches its bound.
 */
public final class Twiml {
    static final int CACHE_BOUND = 4_096;
    private static final java.util.Map<List<String>, String> DOCUMENTS = new java.util.concurrent.ConcurrentHashMap<>();

    private Twiml() {
    }

    public static String messages(List<String> replies) {
        List<String> key = List.copyOf(replies);
        String cached = DOCUMENTS.get(key);
        if (cached != null) {
            return cached;
        }
        String xml = build(key);
        if (DOCUMENTS.size() >= CACHE_BOUND) {
            DOCUMENTS.clear();
        }
        DOCUMENTS.put(key, xml);
        return xml;
    }

    static String build(List<String> replies) {
        MessagingResponse.Builder response = new MessagingResponse.Builder();
        for (String reply : replies) {
            response.message(new Message.Builder().body(new Body.Builder(reply).build()).build());
        }
        return response.build().toXml();
    }
}
