package org.helpline.gateway.channel;

import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.messaging.Body;
import com.twilio.twiml.messaging.Message;
import java.util.List;

/** Replies in a webhook's answer, as TwiML built with the SDK: one {@code <Message>} per reply. */
public final class Twiml {
    private Twiml() {
    }

    public static String messages(List<String> replies) {
        MessagingResponse.Builder response = new MessagingResponse.Builder();
        for (String reply : replies) {
            response.message(new Message.Builder().body(new Body.Builder(reply).build()).build());
        }
        return response.build().toXml();
    }
}
