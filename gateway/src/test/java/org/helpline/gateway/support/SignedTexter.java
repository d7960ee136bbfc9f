package org.helpline.gateway.support;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A texter whose messages reach the gateway as Twilio sends them: signed webhooks, a new MessageSid each. */
public final class SignedTexter {
    private static final AtomicInteger SIDS = new AtomicInteger(700_000);
    private final String webhook;
    private final String token;
    private final String publicUrl;
    public final String from;

    public SignedTexter(String serverUrl, String token, String publicUrl, String from) {
        this.webhook = serverUrl + "/twilio/messages";
        this.token = token;
        this.publicUrl = publicUrl;
        this.from = from;
    }

    /**
     * Through the welcome ("hi", YES, "1" at the next question) to asking for a counsellor; fails unless they are
     * then waiting in line.
     */
    public SignedTexter waitingInLine() {
        says("hi");
        says("yes");
        says("1");
        String waiting = says("can i talk to a counsellor");
        if (!waiting.contains("in line")) {
            throw new IllegalStateException("not waiting in line: " + waiting);
        }
        return this;
    }

    /** Sends one message; returns the TwiML answer (its replies), failing unless the webhook answered 200. */
    public String says(String text) {
        Map<String, String> fields = Forms.inbound(String.format("SM%032d", SIDS.incrementAndGet()), from, text);
        HttpResponse<String> r = Http.post(webhook, "application/x-www-form-urlencoded", Http.utf8(Http.form(fields)),
                Map.of("X-Twilio-Signature", TwilioSigner.sign(token, publicUrl + "/twilio/messages", fields)));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("webhook answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
