package org.helpline.gateway.conversation;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helpline.gateway.audit.AuditLog;
import org.helpline.gateway.live.LiveEvents;
import org.helpline.gateway.privacy.Pseudonymiser;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.gateway.queue.QueueEntry;
import org.helpline.gateway.queue.QueueState;
import org.helpline.gateway.training.TrainingStore;
import org.helpline.nlp.RiskTier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A young person's erasure request ({@code ErasureRequested}: DELETE, then YES). Whoever holds the phone can send it,
 * so it can never silently take a child in danger out of a counsellor's sight: a conversation waiting HIGH or
 * IMMINENT, or held by a counsellor, is erased only once a person (its counsellor, or a supervisor) has seen the
 * request and acknowledged it; until then its queue entry and transcript stay, and the counsellor and supervisors are
 * told. Everything else is erased at once.
 */
@Singleton
public class Erasures {
    private static final Logger LOG = LoggerFactory.getLogger(Erasures.class);

    /** What happens to a request. */
    public enum Decision { ERASE_NOW, PERSON_FIRST }

    /** The outcome of a person's acknowledgement. */
    public enum Acknowledged { ERASED, NOTHING_PENDING }

    private final LiveQueue queue;
    private final ConversationStore store;
    private final SafetyList list;
    private final AuditLog audit;
    private final LiveEvents events;
    private final Clock clock;
    private final TrainingStore training;

    public Erasures(LiveQueue queue, ConversationStore store, SafetyList list, AuditLog audit,
                    LiveEvents events, Clock clock, TrainingStore training) {
        this.training = training;
        this.queue = queue;
        this.store = store;
        this.list = list;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** Whether the conversation may be erased at once, or a person must see the request first. */
    public Decision decide(String id) {
        Optional<QueueEntry> e = queue.entry(id);
        if (e.isEmpty()) {
            return Decision.ERASE_NOW;
        }
        boolean urgent = RiskTier.valueOf(e.get().tierName()).atLeast(RiskTier.HIGH);
        return e.get().is(QueueState.CLAIMED) || e.get().is(QueueState.WAITING) && urgent ? Decision.PERSON_FIRST
                : Decision.ERASE_NOW;
    }

    /**
     * Records the request for a person to see and tells them: the counsellor who holds it, and every supervisor.
     * Returns the transcript line that says so (the caller commits it with the message).
     */
    public TranscriptEntry holdForPerson(String id, String messageId) {
        queue.requestErasure(id);
        QueueEntry e = queue.entry(id).orElse(null);
        if (e != null && e.counsellor() != null && e.is(QueueState.CLAIMED)) {
            events.publish(e.counsellor(), "erasure-requested", Map.of("conversation", id));
        }
        events.publish("*", "erasure-pending", Map.of("conversation", id,
                "tier", e == null ? "NONE" : e.tierName(), "state", e == null ? "none" : e.state()));
        LOG.info("conversation {}: erasure asked; kept until a person has seen it", Pseudonymiser.forLogs(id));
        return store.entry(id, clock.instant().toString(), "system", messageId, null,
                "The young person asked for their messages and details to be erased. Nothing is erased until you "
                        + "acknowledge the request (erasure pending).", List.of());
    }

    /**
     * Erases everything kept about the conversation now: queue entry, list membership, transcript, state, contact,
     * and the messages it gave the training store (an erasure withdraws that consent too).
     */
    public long eraseNow(String id, String actor, String action) {
        queue.discard(id);
        list.erased(id);
        training.withdraw(id);
        long keys = store.erase(id);
        audit.record(actor, action, id);
        events.publish("*", "queue", Map.of("depth", queue.depth()));
        LOG.info("conversation {}: erased ({}, {} keys)", Pseudonymiser.forLogs(id), action, keys);
        return keys;
    }

    /** A person has seen the request: the erasure goes ahead. */
    public Acknowledged acknowledge(String id, String person) {
        if (!queue.erasureRequested(id)) {
            return Acknowledged.NOTHING_PENDING;
        }
        eraseNow(id, person, "erased-after-acknowledgement");
        events.publish("*", "erased", Map.of("conversation", id));
        return Acknowledged.ERASED;
    }

    public boolean pending(String id) {
        return queue.erasureRequested(id);
    }
}
