package org.helpline.gateway.conversation;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.helpline.dialogue.Engine;
import org.helpline.dialogue.Session;
import org.helpline.gateway.channel.InboundMessage;
import org.helpline.gateway.security.Refusals;
import org.helpline.nlp.Classification;
import org.helpline.nlp.RiskTier;

/**
 * Over the sender's rate: the message is kept in the transcript but runs no flow; the sender is told once per flood.
 * Safety first: a HIGH or IMMINENT message still reaches the queue (one entry per conversation, so a flood can never
 * push anyone else's escalation down) and IMMINENT still gets the emergency numbers.
 */
@Singleton
class FloodPath {
    /** What the transcript adds to a message over the rate. */
    static final String NOTE = " [rate-limited]";
    private final Engine engine;
    private final Escalations escalations;
    private final CommitProtocol protocol;
    private final ConversationStore store;
    private final Refusals refusals;

    FloodPath(Engine engine, Escalations escalations, CommitProtocol protocol, ConversationStore store,
              Refusals refusals) {
        this.engine = engine;
        this.escalations = escalations;
        this.protocol = protocol;
        this.store = store;
        this.refusals = refusals;
    }

    /** {@code tell}: the first refused message of this flood (it gets the one polite reply). */
    ConversationService.Outcome handle(Attempt a, InboundMessage m, Session session, Contact contact,
                                       Classification c, Map<String, String> variables, boolean tell) {
        String id = a.id();
        RiskTier tier = c.risk().tier();
        if (tier.atLeast(RiskTier.HIGH)) {
            escalations.enqueue(a, tier, c.risk().reasons(), session.language(), null);
        }
        List<String> replies = new ArrayList<>();
        if (tell) {
            replies.add(engine.flows().catalogue().render(session.language(), "system.slow_down", variables));
        }
        if (c.risk().needsEmergencyNumbers()) {
            replies.add(engine.flows().catalogue().render(session.language(), "system.risk_imminent", variables));
        }
        Lines lines = new Lines(store, id, a.at());
        List<TranscriptEntry> entries = new ArrayList<>();
        entries.add(lines.in(m, c, NOTE));
        entries.addAll(lines.bots(replies));
        Contact kept = contact != null ? contact : NewContacts.of(store, id, m, session.language(), lines.at());
        protocol.commit(new ConversationStore.Commit(id, session, kept, entries, m.messageId(), replies), a, false);
        // counted and summed up once a minute: a line each let one flooding sender write thousands of lines
        refusals.count("message over the sender rate limit", "kept, no flow run");
        return new ConversationService.Outcome(id, replies, List.of(), false);
    }
}
