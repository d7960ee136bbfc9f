package org.helpline.gateway.conversation;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import org.helpline.dialogue.Engine;
import org.helpline.dialogue.Session;
import org.helpline.gateway.channel.Address;
import org.helpline.gateway.channel.OutboundMessage;
import org.helpline.gateway.channel.Purpose;
import org.helpline.gateway.channel.SendRefusal;
import org.helpline.gateway.channel.SendResult;
import org.helpline.gateway.channel.Senders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A waiting conversation nobody answered, whose young person has been silent for long, has left the live queue (the
 * liveness job): the young person is told honestly, with their own country's emergency and helpline numbers (never
 * another country's: {@link SafetyNumbers}) and how to get back in line, and the bot takes the conversation back at
 * the menu, so that their next message is not answered as if they were still in line. The send point holds the
 * message back from a young person it is not safe to text, or who opted out: nothing unprompted reaches them.
 */
@Singleton
public class WaitingEnded {
    private static final Logger LOG = LoggerFactory.getLogger(WaitingEnded.class);

    /** What the young person got. */
    public enum Told {
        SENT,
        /** Refused at the send point: not safe to text them. */
        NOT_SAFE_TO_TEXT,
        /** Refused at the send point: they opted out. */
        OPTED_OUT,
        /** The provider did not take it. */
        NOT_DELIVERED,
        /** Nothing is kept of the conversation any more (erased or expired): nobody to tell. */
        NO_CONTACT
    }

    private final ConversationStore store;
    private final Senders senders;
    private final Engine engine;
    private final SafetyNumbers safety;
    private final HandBack handBack;

    public WaitingEnded(ConversationStore store, Senders senders, Engine engine, SafetyNumbers safety,
                        HandBack handBack) {
        this.store = store;
        this.senders = senders;
        this.engine = engine;
        this.safety = safety;
        this.handBack = handBack;
    }

    /** The young person's last message (ms), or {@code null} when nothing is kept of them. */
    public Long lastInbound(String conversation) {
        return store.contact(conversation).map(c -> c.lastInbound() == null ? null
                : Instant.parse(c.lastInbound()).toEpochMilli()).orElse(null);
    }

    /** Tells the young person and hands the conversation back to the bot at the menu. */
    public Told tell(String conversation) {
        Contact contact = store.contact(conversation).orElse(null);
        Session session = store.session(conversation).orElse(null);
        if (contact == null || session == null) {
            return Told.NO_CONTACT;
        }
        String text = engine.flows().catalogue().render(session.language(), "queue.ended_waiting",
                safety.variables(contact.region()));
        Told told;
        try {
            SendResult r = senders.send(OutboundMessage.text(Address.parse(store.openAddress(conversation, contact)),
                    text, Purpose.QUEUE_UPDATE));
            told = r.refusal() == SendRefusal.NOT_SAFE_TO_TEXT ? Told.NOT_SAFE_TO_TEXT
                    : r.refusal() == SendRefusal.OPTED_OUT ? Told.OPTED_OUT
                    : r.accepted() ? Told.SENT : Told.NOT_DELIVERED;
        } catch (RuntimeException e) {
            LOG.warn("Ended-waiting message could not be sent ({})", e.getClass().getSimpleName());
            told = Told.NOT_DELIVERED;
        }
        String shown = switch (told) {
            case SENT -> text;
            case NOT_SAFE_TO_TEXT -> text + " [NOT SENT: not safe to text back]";
            case OPTED_OUT -> text + " [NOT SENT: opted out]";
            default -> text + " [NOT DELIVERED]";
        };
        // the escalation is over: their next message is the bot's again, from the menu (COUNSELLOR brings them back);
        // taken back under the conversation's lock, like every write of its state
        handBack.release(conversation, List.of(shown));
        return told;
    }
}
