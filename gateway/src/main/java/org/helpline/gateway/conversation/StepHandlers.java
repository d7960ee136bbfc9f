package org.helpline.gateway.conversation;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helpline.dialogue.Session;
import org.helpline.dialogue.Step;
import org.helpline.dialogue.event.Event;
import org.helpline.gateway.channel.InboundMessage;
import org.helpline.gateway.queue.QueueEntry;
import org.helpline.nlp.Classification;

/**
 * Runs the handlers of a step's events ({@link EventHandler}): every contact change first (a JOIN is recorded in the
 * language the same message chose), then every handler's writes, escalations first.
 */
@Singleton
class StepHandlers {
    private final List<EventHandler<?>> handlers;
    private final ConversationStore store;
    private final ErasurePath erasure;

    StepHandlers(List<EventHandler<?>> handlers, ConversationStore store, ErasurePath erasure) {
        List<EventHandler<?>> sorted = new ArrayList<>(handlers);
        sorted.sort(Comparator.comparingInt(EventHandler::order));
        this.handlers = List.copyOf(sorted);
        this.store = store;
        this.erasure = erasure;
    }

    /** Some event needs more than the conversation's commit: the optimistic attempt gives up for the locked one. */
    boolean needLock(Step step) {
        return ErasurePath.ends(step) || needLock(step.events());
    }

    /** An erasure that ends the turn before any handler (nothing is left to commit), else empty. */
    Optional<ConversationService.Outcome> erasure(Attempt a, InboundMessage m, Step step, Session session,
                                                  Contact contact, Classification c, Map<String, String> variables) {
        return erasure.ending(a, m, step, session, contact, c, variables);
    }

    /** The turn the handlers run on: the message's own transcript line first, the contact as the message leaves it. */
    Turn turn(Attempt a, InboundMessage m, Step step, QueueEntry held, Classification c, Contact contact,
              List<String> replies) {
        Lines lines = new Lines(store, a.id(), a.at());
        Turn t = new Turn(a.id(), m, step, a, held, lines, replies,
                NewContacts.after(store, a.id(), contact, m, step.session().language(), lines.at()));
        t.entries.add(lines.in(m, c, ""));
        return t;
    }

    /** What the turn commits: the handlers' lines after the message's, then the replies (the reply cache's lines). */
    ConversationStore.Commit commit(Turn t) {
        List<TranscriptEntry> entries = new ArrayList<>(t.entries);
        entries.addAll(t.lines.bots(t.replies));
        return new ConversationStore.Commit(t.id, t.step.session(), t.contact, entries, t.message.messageId(),
                t.replies);
    }

    private boolean needLock(List<Event> events) {
        for (Event e : events) {
            for (EventHandler<?> h : handlers) {
                if (h.needsLock() && h.event().isInstance(e)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Folds the step's events into {@code turn.contact}, then runs each handler's writes. */
    void run(Turn turn) {
        List<Event> events = turn.step.events();
        for (Event e : events) {
            for (EventHandler<?> h : handlers) {
                if (h.event().isInstance(e)) {
                    turn.contact = contact(h, e, turn);
                }
            }
        }
        for (EventHandler<?> h : handlers) {
            for (Event e : events) {
                if (h.event().isInstance(e)) {
                    handle(h, e, turn);
                }
            }
        }
    }

    private static <E extends Event> Contact contact(EventHandler<E> h, Event e, Turn turn) {
        return h.contact(h.event().cast(e), turn.contact, turn);
    }

    private static <E extends Event> void handle(EventHandler<E> h, Event e, Turn turn) {
        h.handle(h.event().cast(e), turn);
    }
}
