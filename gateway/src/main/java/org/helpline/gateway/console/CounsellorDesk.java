package org.helpline.gateway.console;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helpline.dialogue.Engine;
import org.helpline.dialogue.Session;
import org.helpline.gateway.audit.AuditLog;
import org.helpline.gateway.channel.Address;
import org.helpline.gateway.channel.Channel;
import org.helpline.gateway.channel.OutboundMessage;
import org.helpline.gateway.channel.Purpose;
import org.helpline.gateway.channel.SendRefusal;
import org.helpline.gateway.channel.SendResult;
import org.helpline.gateway.channel.Senders;
import org.helpline.gateway.conversation.Contact;
import org.helpline.gateway.conversation.ConversationStore;
import org.helpline.gateway.conversation.Erasures;
import org.helpline.gateway.conversation.HandBack;
import org.helpline.gateway.conversation.HeldReplies;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.gateway.queue.QueueEntry;
import org.helpline.gateway.conversation.CounsellorJoined;
import org.helpline.gateway.queue.TransferScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a counsellor does with a conversation they hold: read it (audited), reply through the young person's own
 * channel, transfer it, close it (the bot then resumes). Supervisors read any conversation (audited).
 */
@Singleton
public class CounsellorDesk {
    private static final Logger LOG = LoggerFactory.getLogger(CounsellorDesk.class);
    static final Duration WHATSAPP_WINDOW = Duration.ofHours(24);
    static final Duration WINDOW_WARNING = Duration.ofHours(2);

    /** The 24-hour WhatsApp customer-care window: open, closing (under 2 h left), closed, or none (SMS). */
    @io.micronaut.serde.annotation.Serdeable
    public record Window(String state, String closesAt) {
    }

    /** A transcript line as the console shows it. */
    @io.micronaut.serde.annotation.Serdeable
    public record Line(String at, String direction, String text, String risk, List<String> reasons) {
        @Override
        public String toString() {
            return "Line[" + at + ", " + direction + ", text redacted]";
        }
    }

    /**
     * Something the counsellor must see before anything else, shown at the top of the conversation.
     *
     * @param kind {@code opted-out}, {@code not-safe-to-text}, {@code erasure-pending}
     */
    @io.micronaut.serde.annotation.Serdeable
    public record Alert(String kind, String text) {
    }

    /** Everything the conversation page shows. */
    @io.micronaut.serde.annotation.Serdeable
    public record View(String id, String tierName, List<String> reasons, String state, String counsellor,
                       String channel, String language, Window window, List<Map<String, String>> templates,
                       List<Alert> alerts, List<Line> transcript) {
        @Override
        public String toString() {
            return "View[" + id + ", " + tierName + ", " + transcript.size() + " lines, content redacted]";
        }
    }

    /** Outcome of a send. */
    @io.micronaut.serde.annotation.Serdeable
    public record Sent(String status, String error) {
    }

    private final LiveQueue queue;
    private final ConversationStore store;
    private final Senders senders;
    private final AuditLog audit;
    private final Engine engine;
    private final ConsoleConfiguration config;
    private final Clock clock;
    private final Erasures erasures;
    private final HeldReplies heldReplies;
    private final HandBack handBack;

    // more than eight: a counsellor's every action on a conversation (read, reply, transfer, close) meets here; each
    // collaborator is one of those actions' own
    public CounsellorDesk(LiveQueue queue, ConversationStore store, Senders senders, AuditLog audit, Engine engine,
                          ConsoleConfiguration config, Clock clock, Erasures erasures, HeldReplies heldReplies,
                          HandBack handBack) {
        this.handBack = handBack;
        this.heldReplies = heldReplies;
        this.erasures = erasures;
        this.queue = queue;
        this.store = store;
        this.senders = senders;
        this.audit = audit;
        this.engine = engine;
        this.config = config;
        this.clock = clock;
    }

    /** True when this counsellor holds the conversation now. */
    public boolean holds(String counsellor, String conversation) {
        return queue.entry(conversation)
                .filter(e -> e.heldBy(counsellor)).isPresent();
    }

    /** Reads a conversation; every read is written to the audit log. */
    public Optional<View> view(String conversation, String viewer, String action) {
        Optional<QueueEntry> entry = queue.entry(conversation);
        Optional<Contact> contact = store.contact(conversation);
        if (entry.isEmpty() && contact.isEmpty()) {
            return Optional.empty();
        }
        audit.record(viewer, action, conversation);
        List<Line> lines = new ArrayList<>();
        for (ConversationStore.Line l : store.transcript(conversation)) {
            lines.add(new Line(l.at(), l.direction(), l.text(), l.risk(), l.reasons()));
        }
        QueueEntry e = entry.orElse(null);
        Contact c = contact.orElse(null);
        String channel = c == null ? "UNKNOWN" : c.channel();
        return Optional.of(new View(conversation, e == null ? "NONE" : e.tierName(),
                e == null ? List.of() : e.reasons(), e == null ? "none" : e.state(),
                e == null ? null : e.counsellor(), channel, c == null ? "en" : c.language(), window(c),
                templates(), alerts(conversation, c), lines));
    }

    /** What the counsellor must know before writing: opted out, not safe to text back, erasure waiting for them. */
    List<Alert> alerts(String conversation, Contact c) {
        List<Alert> out = new ArrayList<>();
        if (c != null && c.optedOut()) {
            out.add(new Alert("opted-out", "Opted out (texted STOP): nothing can be sent to them until they text "
                    + "START."));
        }
        if (store.session(conversation).map(Session::notSafeToText).orElse(false)) {
            out.add(new Alert("not-safe-to-text", "The young person said it is not safe for us to text them. "
                    + "Nothing is sent unprompted (no closing message); your replies are held and go out as the "
                    + "answer to their next message."));
        }
        if (erasures.pending(conversation)) {
            out.add(new Alert("erasure-pending", "The young person asked for everything to be erased. It is kept "
                    + "until you acknowledge the request; then it is erased at once."));
        }
        return out;
    }

    public boolean erasurePending(String conversation) {
        return erasures.pending(conversation);
    }

    /** A person (the holding counsellor, or a supervisor) has seen the erasure request: it goes ahead. */
    public Erasures.Acknowledged acknowledgeErasure(String conversation,
                                                                                      String person) {
        return erasures.acknowledge(conversation, person);
    }

    Window window(Contact c) {
        if (c == null || !Channel.WHATSAPP.name().equals(c.channel())) {
            return new Window("none", null);
        }
        Instant closes = Instant.parse(c.lastInbound()).plus(WHATSAPP_WINDOW);
        Instant now = clock.instant();
        String state = now.isAfter(closes) ? "closed"
                : now.plus(WINDOW_WARNING).isAfter(closes) ? "closing" : "open";
        return new Window(state, closes.toString());
    }

    private List<Map<String, String>> templates() {
        List<Map<String, String>> out = new ArrayList<>();
        if (config.whatsappTemplates() != null) {
            config.whatsappTemplates().forEach((sid, name) -> out.add(Map.of("sid", sid, "name", name)));
        }
        return out;
    }

    /** Sends a counsellor's message (free text, or an approved template once the WhatsApp window has closed). */
    public Sent reply(String conversation, String counsellor, String text, String templateSid) {
        Contact c = store.contact(conversation).orElse(null);
        if (c == null) {
            return new Sent("failed", "this conversation has no contact any more (erased or expired)");
        }
        Address to = Address.parse(store.openAddress(conversation, c));
        Window w = window(c);
        OutboundMessage message;
        String shown;
        if (templateSid != null && !templateSid.isBlank()) {
            if (config.whatsappTemplates() == null || !config.whatsappTemplates().containsKey(templateSid)) {
                return new Sent("failed", "unknown template");
            }
            message = OutboundMessage.template(to, templateSid, null, Purpose.COUNSELLOR_REPLY);
            shown = "[template: " + config.whatsappTemplates().get(templateSid) + "]";
        } else {
            if (text == null || text.isBlank()) {
                return new Sent("failed", "write a message");
            }
            if (text.length() > 1600) {
                return new Sent("failed", "a message holds at most 1600 characters");
            }
            if ("closed".equals(w.state())) {
                return new Sent("failed", "the WhatsApp 24-hour window has closed: send an approved template");
            }
            message = OutboundMessage.text(to, text, Purpose.COUNSELLOR_REPLY);
            shown = text;
        }
        SendResult r;
        try {
            // a young person is waiting for this: retried on 429/5xx/timeouts, never sent twice
            r = senders.sendReliably(message, 3, Duration.ofMillis(300));
        } catch (RuntimeException e) {
            LOG.warn("Counsellor reply could not be sent ({})", e.getClass().getSimpleName());
            r = SendResult.failed(null, false);
        }
        String at = clock.instant().toString();
        if (r.refusal() == SendRefusal.NOT_SAFE_TO_TEXT && message.body() != null) {
            heldReplies.hold(conversation, text);
            store.append(conversation, List.of(store.entry(conversation, at, "counsellor", null, null,
                    shown + " [HELD until they write again: not safe to text back]", List.of())));
            audit.record(counsellor, "reply-held:not-safe-to-text", conversation);
            return new Sent("held", "Not safe to text back: your reply is held and goes out as the answer to the "
                    + "young person's next message.");
        }
        if (r.refusal() == SendRefusal.NOT_SAFE_TO_TEXT) {
            return new Sent("refused", "Not safe to text back: a template cannot wait for their next message.");
        }
        if (r.refusal() == SendRefusal.OPTED_OUT) {
            store.append(conversation, List.of(store.entry(conversation, at, "counsellor", null, null,
                    shown + " [NOT SENT: opted out]", List.of())));
            audit.record(counsellor, "reply-refused:opted-out", conversation);
            return new Sent("refused", "Not sent: the young person texted STOP. Nothing can be sent to them until "
                    + "they text START again.");
        }
        store.append(conversation, List.of(store.entry(conversation, at, "counsellor", r.providerId(), null,
                shown + (r.accepted() ? "" : " [NOT DELIVERED]"), List.of())));
        audit.record(counsellor, "reply", conversation);
        return r.accepted() ? new Sent("sent", null)
                : new Sent("failed", r.errorCode() == null ? "the message could not be sent"
                : "the provider refused the message (error " + r.errorCode() + ")");
    }

    /**
     * Back to the queue ({@code to == null}) or to a colleague; the young person is told which (the send point holds
     * it back when it is not safe to text them, or they opted out).
     */
    public TransferScript.Outcome transfer(String conversation, String counsellor, String to) {
        TransferScript.Outcome o = queue.transfer(conversation, counsellor, to);
        if (o == TransferScript.Outcome.QUEUED || o == TransferScript.Outcome.TRANSFERRED) {
            audit.record(counsellor, "transfer:" + (to == null ? "queue" : to), conversation);
            tellTransferred(conversation, o);
        }
        return o;
    }

    /**
     * Tells the young person their conversation went back to the queue (with their place) or to a colleague, through
     * the send point (which holds it back when it is not safe to text them, or they opted out); the transcript says
     * which. Also the liveness job's return of a silent conversation.
     */
    CounsellorJoined.Told tellTransferred(String conversation, TransferScript.Outcome o) {
        Contact c = store.contact(conversation).orElse(null);
        if (c == null) {
            return CounsellorJoined.Told.NO_CONTACT;
        }
        String text;
        if (o == TransferScript.Outcome.QUEUED) {
            long position = queue.position(conversation) + 1;
            queue.rememberToldPosition(conversation, position);
            text = engine.flows().catalogue().render(c.language(), "queue.transferred_back",
                    Map.of("position", Long.toString(position)));
        } else {
            text = engine.flows().catalogue().render(c.language(), "counsellor.transferred", Map.of());
        }
        try {
            SendResult r = senders.send(OutboundMessage.text(Address.parse(store.openAddress(conversation, c)), text,
                    Purpose.QUEUE_UPDATE));
            String shown = r.refusal() == SendRefusal.NOT_SAFE_TO_TEXT ? text + " [NOT SENT: not safe to text back]"
                    : r.refusal() == SendRefusal.OPTED_OUT ? text + " [NOT SENT: opted out]"
                    : r.accepted() ? text : text + " [NOT DELIVERED]";
            store.append(conversation, List.of(store.entry(conversation, clock.instant().toString(), "bot",
                    r.providerId(), null, shown, List.of())));
            return r.refusal() == SendRefusal.NOT_SAFE_TO_TEXT ? CounsellorJoined.Told.NOT_SAFE_TO_TEXT
                    : r.refusal() == SendRefusal.OPTED_OUT ? CounsellorJoined.Told.OPTED_OUT
                    : r.accepted() ? CounsellorJoined.Told.SENT : CounsellorJoined.Told.NOT_DELIVERED;
        } catch (RuntimeException e) {
            LOG.warn("Transfer message could not be sent ({})", e.getClass().getSimpleName());
            return CounsellorJoined.Told.NOT_DELIVERED;
        }
    }

    /** Closes with a disposition; the bot resumes at the menu and the young person is told. */
    public boolean close(String conversation, String counsellor, String disposition, String notes) {
        if (!Dispositions.CODES.containsKey(disposition)) {
            throw new IllegalArgumentException("unknown disposition");
        }
        if (!queue.close(conversation, counsellor, disposition, notes)) {
            return false;
        }
        audit.record(counsellor, "close:" + disposition, conversation);
        if (erasures.pending(conversation)) {
            // the counsellor has seen the erasure request: closing the case lets it go ahead, with no message
            erasures.acknowledge(conversation, counsellor);
            return true;
        }
        handBack.release(conversation).ifPresent(released -> {
            Address to = Address.parse(store.openAddress(conversation, released.contact()));
            try {
                SendResult r = senders.send(OutboundMessage.text(to, String.join("\n\n", released.messages()),
                        Purpose.CLOSING));
                if (r.refusal() != null) {
                    LOG.info("Closing message not sent ({})", r.refusal());
                }
            } catch (RuntimeException e) {
                LOG.warn("Closing message could not be sent ({})", e.getClass().getSimpleName());
            }
        });
        return true;
    }
}
