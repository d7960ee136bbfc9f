package org.helpline.gateway.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.helpline.gateway.support.TwilioSigner;

/**
 * The texters of {@code scripts/bench load}: a fixed population of senders, each following a plausible conversation
 * through the real flows (greeting → privacy notice, YES → consent and the age question, 14 → menu, then menu numbers,
 * "more", free text routed by the intent classifier, thanks/goodbye, MENU), with a share of high-risk messages that
 * escalate to the live queue. Every message becomes one signed Twilio webhook (raw HTTP/1.1 bytes) computed before it is sent.
 *
 * <p>A fixed population keeps growth in Redis to what a real helpline keeps (each conversation's transcript and reply
 * cache), and spaces each sender's messages {@code senders / rate} seconds apart, far under the per-sender rate limit
 * (one every 2 s after a burst of 20) at the default sizes.
 */
final class LoadMix {
    /**
     * The first messages of every conversation: they end at the menu. Sent during the warm-up. After YES the welcome
     * asks the texter's age (the training question's minimum, 16 shipped); 14 is under it, so no training question
     * follows, and the language is settled from the number's country (+44), so the menu comes next.
     */
    static final List<String> OPENING = List.of("hi", "yes", "14");
    /** From the menu back to the menu, over and over: menu numbers, "more", free text, greetings, MENU. */
    static final List<String> LOOP = List.of(
            "2",                                                       // menu → bullying information
            "2",                                                       // "more"
            "menu",
            "4",                                                       // staying safe online
            "thanks",                                                  // → goodbye
            "hi",                                                      // goodbye → menu
            "how do i make my account private so strangers cant see it", // free text: intent → safety
            "2",                                                       // "more"
            "hmm",                                                     // → "talk to a counsellor?"
            "no",                                                      // → menu
            "3",                                                       // pictures
            "menu",
            "people at school keep posting mean things about me online", // free text: intent → bullying
            "thank you bye",                                           // → goodbye
            "menu");
    /** High-risk messages (the keyword lexicon's HIGH tier): each escalates to the live queue. */
    static final List<String> HIGH_RISK = List.of(
            "i want to kill myself",
            "sometimes i think about killing myself",
            "i keep thinking i should just kill myself");

    /** One prepared webhook. {@code sender} indexes the population; {@code highRisk} marks an escalation. */
    record Request(byte[] raw, int sender, boolean highRisk) {
    }

    private final String host;
    private final String signedUrl;
    private final String authToken;
    private final String accountSid;
    private final String helplineNumber;
    private final double highRiskShare;
    private final String[] from;
    private final int[] step;
    private final int[] order;
    private final boolean[] escalated;
    private int highRiskDue;
    private final SplittableRandom random = new SplittableRandom(7);
    private int cursor;
    private long sequence;

    /**
     * @param hostPort  the {@code Host} header ({@code 127.0.0.1:port})
     * @param publicUrl what the gateway's {@code HELPLINE_PUBLIC_URL} is; signatures are computed on it
     */
    LoadMix(int senders, double highRiskShare, String hostPort, String publicUrl, String accountSid,
            String authToken, String helplineNumber) {
        this.host = hostPort;
        this.signedUrl = publicUrl.replaceAll("/+$", "") + "/twilio/messages";
        this.authToken = authToken;
        this.accountSid = accountSid;
        this.helplineNumber = helplineNumber;
        this.highRiskShare = highRiskShare;
        this.from = new String[senders];
        this.step = new int[senders];
        this.order = new int[senders];
        this.escalated = new boolean[senders];
        for (int i = 0; i < senders; i++) {
            String number = String.format("+4477%08d", 10_000_000 + i);
            from[i] = i % 5 == 4 ? "whatsapp:" + number : number;    // one in five on WhatsApp
            order[i] = i;
        }
        for (int i = senders - 1; i > 0; i--) {                      // one shuffled round, repeated
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    int senders() {
        return from.length;
    }

    /** The opening of every sender's conversation ({@link #OPENING}, one round per message), in send order. */
    List<Request> opening() {
        List<Request> out = new ArrayList<>(from.length * OPENING.size());
        for (int k = 0; k < OPENING.size(); k++) {
            for (int i = 0; i < from.length; i++) {
                out.add(next(order[i], false));
            }
        }
        cursor = 0;
        return out;
    }

    /** The next {@code n} messages after the opening, senders taken in the same shuffled round-robin order. */
    List<Request> next(int n) {
        return next(n, highRiskShare);
    }

    /** As {@link #next(int)} with another share of high-risk messages (0: the common path only). */
    List<Request> next(int n, double share) {
        List<Request> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            int s = order[cursor];
            cursor = (cursor + 1) % order.length;
            if (random.nextDouble() < share) {
                highRiskDue++;
            }
            // the engine escalates a conversation once per tier (nobody closes the cases here): a high-risk message
            // goes to a texter who has not escalated yet, so that each one is a new queue event
            boolean high = highRiskDue > 0 && !escalated[s];
            if (high) {
                highRiskDue--;
                escalated[s] = true;
            }
            out.add(next(s, high));
        }
        return out;
    }

    /**
     * High-risk messages the share asked for that have not been placed yet, because every texter met since has
     * already escalated: a phase with some left over carried fewer high-risk messages than its share.
     */
    int highRiskOwed() {
        return highRiskDue;
    }

    /** Texters who have not sent a high-risk message yet. */
    int notEscalated() {
        int n = 0;
        for (boolean e : escalated) {
            n += e ? 0 : 1;
        }
        return n;
    }

    private Request next(int sender, boolean highRisk) {
        int st = step[sender]++;
        String text;
        if (highRisk) {
            text = HIGH_RISK.get(random.nextInt(HIGH_RISK.size()));
            step[sender]--;                                       // the conversation goes on where it was after
        } else if (st < OPENING.size()) {
            text = OPENING.get(st);
        } else {
            text = LOOP.get((st - OPENING.size()) % LOOP.size());
        }
        return new Request(webhook(sender, text), sender, highRisk);
    }

    private byte[] webhook(int sender, String text) {
        long n = ++sequence;
        String sid = String.format("SM%016x%016x", n, 0x5eed_0000_0000L + sender);
        boolean whatsapp = from[sender].startsWith("whatsapp:");
        Map<String, String> form = new LinkedHashMap<>();   // the fields Twilio sends, in its order
        form.put("ToCountry", "GB");
        form.put("ToState", "");
        form.put("SmsMessageSid", sid);
        form.put("NumMedia", "0");
        form.put("ToCity", "");
        form.put("FromZip", "");
        form.put("SmsSid", sid);
        form.put("FromState", "");
        form.put("SmsStatus", "received");
        form.put("FromCity", "");
        form.put("Body", text);
        form.put("FromCountry", "GB");
        form.put("To", whatsapp ? "whatsapp:" + helplineNumber : helplineNumber);
        form.put("ToZip", "");
        form.put("NumSegments", "1");
        form.put("MessageSid", sid);
        form.put("AccountSid", accountSid);
        form.put("From", from[sender]);
        form.put("ApiVersion", "2010-04-01");
        StringBuilder body = new StringBuilder(512);
        form.forEach((k, v) -> {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        byte[] content = body.toString().getBytes(StandardCharsets.UTF_8);
        String head = "POST /twilio/messages HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "User-Agent: TwilioProxy/1.1\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\n"
                + "X-Twilio-Signature: " + TwilioSigner.sign(authToken, signedUrl, form) + "\r\n"
                + "I-Twilio-Idempotency-Token: " + java.util.UUID.nameUUIDFromBytes(sid.getBytes()) + "\r\n"
                + "Content-Length: " + content.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] raw = new byte[h.length + content.length];
        System.arraycopy(h, 0, raw, 0, h.length);
        System.arraycopy(content, 0, raw, h.length, content.length);
        return raw;
    }
}
