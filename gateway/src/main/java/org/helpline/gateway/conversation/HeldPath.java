package org.helpline.gateway.conversation;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.helpline.dialogue.CarrierKeywords;
import org.helpline.dialogue.Engine;
import org.helpline.dialogue.Session;
import org.helpline.gateway.channel.InboundMessage;
import org.helpline.gateway.live.LiveEvents;
import org.helpline.gateway.privacy.Pseudonymiser;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.gateway.queue.QueueEntry;
import org.helpline.gateway.queue.QueueState;
import org.helpline.nlp.Classification;
import org.helpline.nlp.RiskTier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A counsellor holds the conversation: the bot stays silent and the message goes to them live, except for carrier
 * keywords and safe-contact commands (the quiet exit, "not safe to text back"), which the flows answer. Risk is still
 * assessed: a higher tier raises the entry, and IMMINENT (or an explicit statement of suicide or self-harm) still
 * sends the emergency numbers at once.
 */
@Singleton
class HeldPath {
    private static final Logger LOG = LoggerFactory.getLogger(HeldPath.class);
    private final Engine engine;
    private final LiveQueue queue;
    private final LiveEvents events;
    private final Escalations escalations;
    private final HeldReplies heldReplies;
    private final ErasurePath erasure;
    private final CommitProtocol protocol;
    private final ConversationStore store;

    HeldPath(Engine engine, LiveQueue queue, LiveEvents events, Escalations escalations, HeldReplies heldReplies,
             ErasurePath erasure, CommitProtocol protocol, ConversationStore store) {
        this.engine = engine;
        this.queue = queue;
        this.events = events;
        this.escalations = escalations;
        this.heldReplies = heldReplies;
        this.erasure = erasure;
        this.protocol = protocol;
        this.store = store;
    }

    /** The counsellor's entry when one holds the conversation now, else {@code null}. */
    QueueEntry holder(String id, QueueState state) {
        return state == QueueState.CLAIMED ? queue.entry(id).filter(e -> e.is(QueueState.CLAIMED)).orElse(null)
                : null;
    }

    /** Whether the counsellor answers this message rather than the flows. */
    boolean forCounsellor(InboundMessage m, Session session) {
        return CarrierKeywords.kind(m.text()).isEmpty()
                && engine.safetyCommand(m.text(), session.language()).isEmpty();
    }

    /**
     * Replies a counsellor wrote while it was not safe to text the young person: they go out as the answer to this
     * message, which the young person sent themselves. Taken once (they are then gone from the hold).
     */
    List<String> heldReplies(String id, Session session) {
        return session.notSafeToText() ? heldReplies.takeAll(id) : List.of();
    }

    ConversationService.Outcome handle(Attempt a, InboundMessage m, Session session, Contact contact,
                                       Classification c, Map<String, String> variables, QueueEntry held) {
        String id = a.id();
        RiskTier tier = c.risk().tier();
        if (engine.triggerTarget(m.text(), session.language()).filter(t -> t.flow().equals("privacy")).isPresent()) {
            // no confirmation step while held: the counsellor is there to talk it through, and sees it first
            return erasure.heldForPerson(a, m, session.withLastActivity(a.now()), contact, c, variables);
        }
        List<String> replies = new ArrayList<>();
        if (tier.atLeast(RiskTier.HIGH)) {
            escalations.enqueue(a, tier, c.risk().reasons(), session.language(), null);
        }
        if (c.risk().needsEmergencyNumbers()) {
            replies.add(engine.flows().catalogue().render(session.language(), "system.risk_imminent", variables));
        }
        replies.addAll(heldReplies(id, session));
        Lines lines = new Lines(store, id, a.at());
        List<TranscriptEntry> entries = new ArrayList<>();
        entries.add(lines.in(m, c, ""));
        entries.addAll(lines.bots(replies));
        protocol.commit(new ConversationStore.Commit(id, session.withLastActivity(a.now()),
                contact.withLastInbound(lines.at()), entries, m.messageId(), replies), a, false);
        passOn(id, m, c, held, lines.at());
        LOG.info("conversation {}: message passed to the counsellor", Pseudonymiser.forLogs(id));
        return new ConversationService.Outcome(id, replies, List.of(), false);
    }

    /** The message goes to the holding counsellor live (also when the flows answered it: a safe-contact command). */
    void passOn(String id, InboundMessage m, Classification c, QueueEntry held, String at) {
        passOn(id, m, c, held, at, "");
    }

    /** {@code note}: what the transcript line adds to the message (" [rate-limited]"), so both read the same. */
    void passOn(String id, InboundMessage m, Classification c, QueueEntry held, String at, String note) {
        Map<String, Object> live = new HashMap<>();
        live.put("conversation", id);
        live.put("at", at);
        live.put("direction", "in");
        live.put("text", Lines.shown(m) + note);
        live.put("risk", c.risk().tier().name());
        live.put("reasons", c.risk().reasons());
        events.publish(held.counsellor(), "message", live);
    }
}
