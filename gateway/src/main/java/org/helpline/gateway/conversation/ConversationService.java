package org.helpline.gateway.conversation;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helpline.dialogue.Engine;
import org.helpline.dialogue.Input;
import org.helpline.dialogue.Session;
import org.helpline.dialogue.Step;
import org.helpline.dialogue.event.Event;
import org.helpline.dialogue.event.QuietExit;
import org.helpline.gateway.channel.InboundMessage;
import org.helpline.gateway.privacy.Pseudonymiser;
import org.helpline.gateway.queue.QueueEntry;
import org.helpline.nlp.Classification;
import org.helpline.nlp.RiskTier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data path of one inbound message: pseudonymise, begin ({@link CommitProtocol}: the conversation's lock, or
 * this instance's copy), classify (failing safe), then one of three ways — over the sender's rate
 * ({@link FloodPath}), held by a counsellor ({@link HeldPath}), or the flows: the engine runs, each of its events is
 * handled ({@link StepHandlers}; escalations durable before anything is acknowledged), and session, contact,
 * transcript and reply cache are written in one commit. Returns the replies.
 *
 * <p>Logs carry the conversation id's first characters and event names, never a number or a message.
 */
@Singleton
public class ConversationService {
    private static final Logger LOG = LoggerFactory.getLogger(ConversationService.class);

    /** The replies to send, and whether they were a retry's cached answer. */
    public record Outcome(String conversationId, List<String> replies, List<Event> events, boolean duplicate) {
    }

    private final Engine engine;
    private final CommitProtocol protocol;
    private final Assessment assessment;
    private final ReplyVariables variables;
    private final Escalations escalations;
    private final HeldPath held;
    private final FloodPath flood;
    private final StepHandlers handlers;

    ConversationService(Engine engine, CommitProtocol protocol, Assessment assessment, ReplyVariables variables,
                        Escalations escalations, HeldPath held, FloodPath flood, StepHandlers handlers) {
        this.engine = engine;
        this.protocol = protocol;
        this.assessment = assessment;
        this.variables = variables;
        this.escalations = escalations;
        this.held = held;
        this.flood = flood;
        this.handlers = handlers;
    }

    public String conversationId(InboundMessage m) {
        return protocol.idOf(m);
    }

    /**
     * Answers one message. When this instance committed the conversation's last message, the optimistic attempt runs
     * first (one round trip); a message that needs more than a commit (risk HIGH or above, a flood, an event with
     * writes of its own), or whose commit was refused, goes the locked way, which reads everything again.
     *
     * @throws ConversationBusy when another message of the same conversation holds it for too long
     */
    public Outcome handle(InboundMessage m) {
        String id = protocol.idOf(m);
        Assessment.Memo memo = new Assessment.Memo();
        Optional<Attempt> optimistic = protocol.optimistic(id);
        if (optimistic.isPresent()) {
            Optional<Outcome> o = process(m, optimistic.get(), memo);
            if (o.isPresent()) {
                return o.get();
            }
            protocol.forget(id);
        }
        CommitProtocol.Begin begin = protocol.lock(id, m.messageId());
        if (begin instanceof CommitProtocol.Answered answered) {
            return new Outcome(id, answered.replies(), List.of(), true);
        }
        Attempt locked = ((CommitProtocol.Locked) begin).attempt();
        try {
            return process(m, locked, memo).orElseThrow();      // a locked attempt never gives up
        } finally {
            protocol.release(locked);
        }
    }

    /** The message's attempt; empty when an optimistic one gives up (see {@link Attempt}). */
    private Optional<Outcome> process(InboundMessage m, Attempt a, Assessment.Memo memo) {
        String id = a.id();
        Contact contact = a.contact();
        Session session = session(a, contact);
        Classification c = assessment.classify(m.text(), contact == null ? null : session.language(),
                session.language(), id, memo);
        boolean atRisk = c.risk().tier().atLeast(RiskTier.HIGH);
        if (a.optimistic() && (atRisk || !a.allowed() || session.notSafeToText())) {
            // (not safe to text: held counsellor replies may be taken, which a refused optimistic commit would lose)
            return Optional.empty();
        }
        if (atRisk) {
            escalations.crisis(id, c.risk().tier());
        }
        Map<String, String> vars = variables.of(id, Contact.region(contact, m), session.language(), a.now(),
                a.queueState());
        QueueEntry holder = held.holder(id, a.queueState());
        if (!a.allowed()) {
            Outcome flooded = flood.handle(a, m, session, contact, c, vars, a.ready().tell());
            if (holder != null) {
                // a young person writing fast to their counsellor: the rate limit keeps the flows from running,
                // never the counsellor from seeing what they wrote
                held.passOn(id, m, c, holder, a.at(), FloodPath.NOTE);
            }
            return Optional.of(flooded);
        }
        if (holder != null && held.forCounsellor(m, session)) {
            return Optional.of(held.handle(a, m, session, contact, c, vars, holder));
        }

        Step step = engine.resume(session, new Input(m.text(), m.mediaCount(), a.now(), c, vars));
        if (a.optimistic() && handlers.needLock(step)) {
            return Optional.empty();
        }
        if (holder != null) {
            held.passOn(id, m, c, holder, a.at());
        }
        Optional<Outcome> erased = handlers.erasure(a, m, step, session, contact, c, vars);
        if (erased.isPresent()) {
            return erased;
        }
        List<String> replies = new ArrayList<>(step.replies());
        if (step.event(QuietExit.class).isEmpty()) {
            replies.addAll(held.heldReplies(id, session));  // a counsellor's replies, as the answer to this message
        }
        Turn turn = handlers.turn(a, m, step, holder, c, contact, replies);
        handlers.run(turn);
        boolean keep = a.queueState() == null && !atRisk && !handlers.needLock(step);
        CommitProtocol.Committed done = protocol.commit(handlers.commit(turn), a, keep);
        if (done instanceof CommitProtocol.Refused) {
            return Optional.empty();
        }
        if (done instanceof CommitProtocol.Duplicate d) {
            return Optional.of(new Outcome(id, d.replies(), List.of(), true));
        }
        if (LOG.isDebugEnabled()) {
            // DEBUG: one line per ordinary message costs CPU at load (docs/benchmarks-history.md); escalations, erasure,
            // floods and failures keep their own INFO/WARN lines
            LOG.debug("conversation {}: {} reply(ies), events {}{}", Pseudonymiser.forLogs(id), turn.replies.size(),
                    step.events().stream().map(e -> e.getClass().getSimpleName()).toList(),
                    a.optimistic() ? " (one round trip)" : "");
        }
        return Optional.of(new Outcome(id, turn.replies, step.events(), false));
    }

    /** The stored session, or a new one; an unreadable one must not block a young person (the transcript is kept). */
    private Session session(Attempt a, Contact contact) {
        if (a.optimistic()) {
            return a.known().session();
        }
        String language = contact == null ? assessment.defaultLanguage() : contact.language();
        if (a.storedSession().isEmpty()) {
            return engine.newSession(contact == null ? null : language);
        }
        try {
            return Session.fromMap(a.storedSession());
        } catch (IllegalArgumentException e) {
            LOG.warn("conversation {}: stored session unreadable, restarting it", Pseudonymiser.forLogs(a.id()));
            return engine.newSession(language);
        }
    }
}
