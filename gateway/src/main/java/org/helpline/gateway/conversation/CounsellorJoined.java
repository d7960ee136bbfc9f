package org.helpline.gateway.conversation;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.channel.Address;
import org.helpline.gateway.channel.OutboundMessage;
import org.helpline.gateway.channel.Purpose;
import org.helpline.gateway.channel.SendRefusal;
import org.helpline.gateway.channel.SendResult;
import org.helpline.gateway.channel.Senders;
import org.helpline.dialogue.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a young person, in their language, that a counsellor has joined (after "Help next" or a supervisor's
 * assignment), through the send point: nothing goes to one who said it is not safe to text them, or who opted out.
 * The transcript shows what was sent, or why not.
 */
@Singleton
public class CounsellorJoined {
    private static final Logger LOG = LoggerFactory.getLogger(CounsellorJoined.class);

    /** What the young person got. */
    public enum Told { SENT, NOT_SAFE_TO_TEXT, OPTED_OUT, NOT_DELIVERED, NO_CONTACT }

    private final ConversationStore store;
    private final Senders senders;
    private final Engine engine;
    private final Clock clock;

    public CounsellorJoined(ConversationStore store, Senders senders, Engine engine, Clock clock) {
        this.store = store;
        this.senders = senders;
        this.engine = engine;
        this.clock = clock;
    }

    public Told tell(String conversation) {
        Contact c = store.contact(conversation).orElse(null);
        if (c == null) {
            return Told.NO_CONTACT;
        }
        String text = engine.flows().catalogue().render(c.language(), "counsellor.joined", Map.of());
        Told told;
        String providerId = null;
        try {
            SendResult r = senders.send(OutboundMessage.text(Address.parse(store.openAddress(conversation, c)), text,
                    Purpose.QUEUE_UPDATE));
            providerId = r.providerId();
            told = r.refusal() == SendRefusal.NOT_SAFE_TO_TEXT ? Told.NOT_SAFE_TO_TEXT
                    : r.refusal() == SendRefusal.OPTED_OUT ? Told.OPTED_OUT
                    : r.accepted() ? Told.SENT : Told.NOT_DELIVERED;
        } catch (RuntimeException e) {
            LOG.warn("Counsellor-joined message could not be sent ({})", e.getClass().getSimpleName());
            told = Told.NOT_DELIVERED;
        }
        String shown = switch (told) {
            case SENT -> text;
            case NOT_SAFE_TO_TEXT -> text + " [NOT SENT: not safe to text back]";
            case OPTED_OUT -> text + " [NOT SENT: opted out]";
            default -> text + " [NOT DELIVERED]";
        };
        store.append(conversation, List.of(store.entry(conversation, clock.instant().toString(), "bot", providerId,
                null, shown, List.of())));
        return told;
    }
}
