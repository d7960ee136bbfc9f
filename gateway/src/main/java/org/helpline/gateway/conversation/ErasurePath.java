package org.helpline.gateway.conversation;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helpline.dialogue.Engine;
import org.helpline.dialogue.Session;
import org.helpline.dialogue.Step;
import org.helpline.dialogue.event.ErasureRequested;
import org.helpline.dialogue.event.QuietExit;
import org.helpline.gateway.channel.InboundMessage;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.nlp.Classification;

/**
 * The young person asked for their messages to be erased (DELETE confirmed, or "gtg delete"): at once when nobody
 * needs to see it first, otherwise held for a person ({@link Erasures}) while the conversation stays where it was.
 */
@Singleton
class ErasurePath {
    private final Erasures erasures;
    private final CommitProtocol protocol;
    private final ConversationStore store;
    private final LiveQueue queue;
    private final Engine engine;

    ErasurePath(Erasures erasures, CommitProtocol protocol, ConversationStore store, LiveQueue queue, Engine engine) {
        this.erasures = erasures;
        this.protocol = protocol;
        this.store = store;
        this.queue = queue;
        this.engine = engine;
    }

    /** Events that end the turn here: they are never run on an optimistic attempt. */
    static boolean ends(Step step) {
        return step.event(ErasureRequested.class).isPresent()
                || step.event(QuietExit.class).filter(QuietExit::erase).isPresent();
    }

    /** The step's erasure, when it has one that ends the turn; empty otherwise (the handlers go on). */
    Optional<ConversationService.Outcome> ending(Attempt a, InboundMessage m, Step step, Session session,
                                                 Contact contact, Classification c, Map<String, String> variables) {
        String id = a.id();
        Optional<QuietExit> quiet = step.event(QuietExit.class);
        if (quiet.isPresent() && quiet.get().erase() && erasures.decide(id) == Erasures.Decision.ERASE_NOW) {
            protocol.forget(id);
            erasures.eraseNow(id, "texter", "erased-by-texter:quiet-exit");
            // no reply at all: nothing on the screen says "helpline"
            return Optional.of(new ConversationService.Outcome(id, List.of(), step.events(), false));
        }
        if (step.event(ErasureRequested.class).isPresent()) {
            protocol.forget(id);
            if (erasures.decide(id) == Erasures.Decision.PERSON_FIRST) {
                return Optional.of(heldForPerson(a, m, session.withLastActivity(a.now()), contact, c, variables));
            }
            erasures.eraseNow(id, "texter", "erased-by-texter");
            return Optional.of(new ConversationService.Outcome(id, step.replies(), step.events(), false));
        }
        return Optional.empty();
    }

    /**
     * The young person confirmed erasure of a conversation a person must see first: nothing is erased yet, the
     * counsellor and supervisors are told, and the young person is told it will be erased once a counsellor has seen
     * the request. The conversation stays where it was (waiting, or with its counsellor).
     */
    ConversationService.Outcome heldForPerson(Attempt a, InboundMessage m, Session session, Contact contact,
                                              Classification c, Map<String, String> variables) {
        String id = a.id();
        Lines lines = new Lines(store, id, a.at());
        boolean held = queue.heldByCounsellor(id);
        List<String> replies = List.of(engine.flows().catalogue().render(session.language(),
                held ? "privacy.erase_blocked" : "privacy.erase_pending", variables));
        List<TranscriptEntry> entries = new ArrayList<>();
        entries.add(lines.in(m, c, ""));
        entries.add(erasures.holdForPerson(id, m.messageId()));
        entries.addAll(lines.bots(replies));
        protocol.commit(new ConversationStore.Commit(id, session, contact.withLastInbound(lines.at()), entries,
                m.messageId(), replies), a, false);
        return new ConversationService.Outcome(id, replies, List.of(), false);
    }
}
