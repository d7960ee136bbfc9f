package org.helpline.gateway.conversation;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import org.helpline.dialogue.CarrierKeywords;
import org.helpline.dialogue.Engine;
import org.helpline.dialogue.Input;
import org.helpline.dialogue.IsoInstant;
import org.helpline.dialogue.Session;
import org.helpline.dialogue.Step;
import org.helpline.dialogue.event.ConsentGiven;
import org.helpline.dialogue.event.ErasureRequested;
import org.helpline.dialogue.event.EscalationRequested;
import org.helpline.dialogue.event.Event;
import org.helpline.dialogue.event.LanguageChanged;
import org.helpline.dialogue.event.OptedIn;
import org.helpline.dialogue.event.OptedOut;
import org.helpline.gateway.channel.InboundMessage;
import org.helpline.gateway.privacy.Pseudonymiser;
import org.helpline.gateway.console.ConsoleEvents;
import org.helpline.gateway.console.OperatingHours;
import org.helpline.gateway.queue.EnqueueScript;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.gateway.queue.QueueEntry;
import org.helpline.nlp.RiskTier;
import org.helpline.nlp.Classification;
import org.helpline.nlp.MessageClassifier;
import redis.clients.jedis.UnifiedJedis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data path of one inbound message: pseudonymise → lock the conversation → answer a retry from the reply cache →
 * load session and contact → classify (failing safe) → run the engine → enqueue escalations (idempotent, before
 * anything is acknowledged) → write session, contact, transcript and reply cache in one transaction → replies.
 * Logs carry the conversation id's first characters and event names, never a number or a message.
 */
@Singleton
public class ConversationService {
    private static final Logger LOG = LoggerFactory.getLogger(ConversationService.class);

    /** The replies to send, and whether they were a retry's cached answer. */
    public record Outcome(String conversationId, List<String> replies, List<Event> events, boolean duplicate) {
    }

    private final Engine engine;
    private final MessageClassifier classifier;
    private final ConversationStore store;
    private final Pseudonymiser pseudonymiser;
    private final LiveQueue queue;
    private final SafetyNumbers safety;
    private final Clock clock;
    private final String defaultLanguage;
    private final ConsoleEvents events;
    private final OperatingHours hours;
    private final SenderRateLimit.Settings rateLimit;
    private final org.helpline.gateway.console.AuditLog audit;
    private final org.helpline.gateway.campaign.Subscribers subscribers;
    private final org.helpline.gateway.security.Refusals refusals;
    private final UnifiedJedis redis;
    private final long crisisSeconds;
    private final ConversationCache cache;
    private final Erasures erasures;
    private final OptOuts optOuts;
    private final HeldReplies heldReplies;
    private final ReportRoutes reportRoutes;

    public ConversationService(Engine engine, MessageClassifier classifier, ConversationStore store,
                               UnifiedJedis redis, Pseudonymiser pseudonymiser, LiveQueue queue,
                               SafetyNumbers safety, Clock clock,
                               org.helpline.gateway.config.HelplineConfiguration config, ConsoleEvents events,
                               OperatingHours hours, SenderRateLimit.Settings rateLimit,
                               org.helpline.gateway.console.AuditLog audit,
                               org.helpline.gateway.campaign.Subscribers subscribers,
                               org.helpline.gateway.campaign.CampaignConfiguration campaigns,
                               ConversationCache cache, Erasures erasures, OptOuts optOuts,
                               HeldReplies heldReplies, org.helpline.gateway.security.Refusals refusals,
                               ReportRoutes reportRoutes) {
        this.heldReplies = heldReplies;
        this.refusals = refusals;
        this.reportRoutes = reportRoutes;
        this.cache = cache;
        this.erasures = erasures;
        this.optOuts = optOuts;
        this.audit = audit;
        this.subscribers = subscribers;
        this.redis = redis;
        this.crisisSeconds = campaigns.crisisWindow().toSeconds();
        this.events = events;
        this.rateLimit = rateLimit;
        this.hours = hours;
        this.engine = engine;
        this.classifier = classifier;
        this.store = store;
        this.pseudonymiser = pseudonymiser;
        this.queue = queue;
        this.safety = safety;
        this.clock = clock;
        this.defaultLanguage = config.defaultLanguage();
    }

    public String conversationId(InboundMessage m) {
        return pseudonymiser.pseudonym(m.from().raw());
    }

    /**
     * An ordinary message costs two Redis round trips: {@link BeginReads}, one pipeline (cached answer, the lock, the
     * rate bucket, contact, session and the live-queue state), then {@code conversation_commit.lua} (every write, the
     * bucket, and the lock released). Escalations, erasure and counsellor hand-offs add their own.
     *
     * <p>When this instance committed the conversation's last message ({@link ConversationCache}), it first tries one
     * round trip: the engine runs on that copy and the commit is optimistic, written only if nothing else wrote the
     * conversation since. A message that needs more than a commit (risk HIGH or above, an escalation, a flood, the
     * list, erasure), or whose commit was refused, goes the locked way above, which reads everything again.
     */
    public Outcome handle(InboundMessage m) {
        String id = conversationId(m);
        ConversationCache.Snapshot known = cache.get(id, clock.millis());
        Turn turn = new Turn(null);
        if (known != null) {
            BeginReads.TokenBucket b = BeginReads.TokenBucket.take(known.bucket(), rateLimit.burst(),
                    rateLimit.perSecond(), clock.millis());
            turn.known = known;
            turn.begun = new BeginReads.Begun("ok", false, null, b.allowed(), b.tell(), known.contact().toMap(),
                    known.session().toMap(), null, b, known.version());
            Outcome o = process(id, m, turn);
            if (o != null) {
                return o;
            }
            cache.forget(id);
        }
        turn = new Turn(java.util.UUID.randomUUID().toString(), turn.classified);
        BeginReads.Begun begun = begin(id, m, turn.token);
        if (begun.cached()) {
            if (begun.locked()) {
                store.release(id, turn.token);      // the pipeline took it before it knew the answer was cached
            }
            LOG.info("conversation {}: repeated message id, answered from cache", shortId(id));
            return new Outcome(id, store.storedReplies(id, begun.cachedReplies()), List.of(), true);
        }
        turn.begun = begun;
        try {
            return process(id, m, turn);
        } finally {
            if (!turn.released) {
                store.release(id, turn.token);
            }
        }
    }

    /**
     * One message at a time per conversation, across every instance: the lock ({@code conv:{<id>}:lock}, a token
     * with a 10-second lease) is taken by {@link BeginReads} ({@code SET NX PX}) and released by
     * {@code conversation_commit.lua} (or {@code release_lock.lua} on paths that do not commit), each only while the
     * token is still ours. This is thrown when it could not be taken in time (another message of the same
     * conversation is very slow).
     */
    public static final class Busy extends RuntimeException {
        public Busy() {
            super("conversation is busy");
        }
    }

    /**
     * One attempt at a message. Locked: {@code token} is the lock's, {@code released} once a commit let it go.
     * Optimistic: no token, {@code known} the copy the engine runs on; the attempt gives up (returns no outcome)
     * wherever it would need more than its commit. {@code classified}: the classification already made for this
     * message, kept for the locked attempt after an optimistic one.
     */
    private static final class Turn {
        final String token;
        boolean released;
        /** What the first round trip read under the lock: the commit writes only what changed, and the bucket. */
        BeginReads.Begun begun;
        ConversationCache.Snapshot known;
        Classified classified;

        Turn(String token) {
            this.token = token;
        }

        Turn(String token, Classified classified) {
            this.token = token;
            this.classified = classified;
        }

        boolean optimistic() {
            return token == null;
        }
    }

    /** A message's classification for a language hint (the hint is part of the question). */
    private record Classified(String hint, Classification classification) {
    }

    private static final long LOCK_LEASE_MS = 10_000;
    private static final long LOCK_WAIT_MS = 8_000;

    /** The first round trip, retried with backoff while another message of the same conversation holds the lock. */
    private BeginReads.Begun begin(String id, InboundMessage m, String token) {
        long deadline = System.currentTimeMillis() + LOCK_WAIT_MS;
        long pause = 2;
        while (true) {
            BeginReads.Begun b = store.begin(id, m.messageId(), token, LOCK_LEASE_MS, rateLimit.burst(),
                    rateLimit.perSecond(), clock.millis(), LiveQueue.entryKey(id));
            if (!b.busy()) {
                return b;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new Busy();
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Busy();
            }
            pause = Math.min(50, pause * 2);
        }
    }

    /**
     * Commits the attempt; returns the outcome to answer with, {@code null} when an optimistic commit was refused
     * (the locked attempt follows). {@code keep}: the conversation may be kept in {@link ConversationCache} after
     * this commit (out of the live queue, nothing but the commit done).
     */
    private Outcome commit(ConversationStore.Commit c, Turn turn, boolean keep, Outcome outcome) {
        BeginReads.Begun begun = turn.begun;
        String version = CommitScript.newVersion();
        String answer = store.commit(c, turn.token, begun.session(), begun.contact(), begun.bucket(),
                begun.version(), version);
        turn.released = true;
        if (answer.startsWith("cached ")) {
            LOG.info("conversation {}: repeated message id, answered from cache", shortId(c.id()));
            return new Outcome(c.id(), store.storedReplies(c.id(), answer.substring("cached ".length())), List.of(),
                    true);
        }
        if (turn.optimistic()) {
            cache.judged(answer.equals("stale"), clock.millis());
        }
        if (!answer.equals("ok") && !answer.equals("merged")) {
            return null;        // optimistic, refused: busy or stale
        }
        if (keep && answer.equals("ok")) {
            cache.put(c.id(), new ConversationCache.Snapshot(c.session(), c.contact(),
                    begun.bucket() == null ? null : begun.bucket().value(), version));
        } else {
            cache.forget(c.id());
        }
        return outcome;
    }

    /** Before a conversation enters the live queue: no instance's copy of it may answer for it any more. */
    private EnqueueScript.Result enqueue(String id, BeginReads.Begun begun, RiskTier tier, List<String> reasons,
                                         String language) {
        return enqueue(id, begun, tier, reasons, language, null);
    }

    /** {@code writes}: the language the young person writes in when we do not ship it, else {@code null}. */
    private EnqueueScript.Result enqueue(String id, BeginReads.Begun begun, RiskTier tier, List<String> reasons,
                                         String language, String writes) {
        cache.forget(id);
        if (!begun.session().isEmpty()) {
            store.newVersion(id);
        }
        return queue.enqueue(id, tier, reasons, language, writes);
    }

    /** The message's attempt; {@code null} when an optimistic one gives up (see {@link Turn}). */
    private Outcome process(String id, InboundMessage m, Turn turn) {
        BeginReads.Begun begun = turn.begun;
        boolean optimistic = turn.optimistic();
        Instant now = clock.instant();
        String at = IsoInstant.format(now);  // once: formatting an Instant showed in the profile
        Contact contact = optimistic ? turn.known.contact() : Contact.fromMap(begun.contact());
        String language = contact == null ? defaultLanguage : contact.language();
        Session session;
        if (optimistic) {
            session = turn.known.session();
        } else {
            try {
                session = begun.session().isEmpty() ? engine.newSession(contact == null ? null : language)
                        : Session.fromMap(begun.session());
            } catch (IllegalArgumentException e) {
                // an unreadable session must not block a young person: start again, the transcript is kept
                LOG.warn("conversation {}: stored session unreadable, restarting it", shortId(id));
                session = engine.newSession(language);
            }
        }
        // a first message has no known language yet: the detector decides on its own (the session default would
        // otherwise win any close call, e.g. "hola, tengo una pregunta")
        Classification classification = classify(m.text(), contact == null ? null : session.language(), id, turn);
        if (classification.language() == null) {
            classification = classification.inLanguage(session.language());
        }
        boolean atRisk = classification.risk().tier().atLeast(RiskTier.HIGH);
        if (optimistic && (atRisk || !begun.allowed() || session.notSafeToText())) {
            // (not safe to text: held counsellor replies may be taken, which a refused optimistic commit would lose)
            return null;        // a crisis or a flood: the locked way
        }
        if (atRisk) {
            // no broadcast interrupts a crisis: campaigns skip this contact for the crisis window
            redis.setex(org.helpline.gateway.campaign.CampaignKeys.crisis(id), crisisSeconds,
                    classification.risk().tier().name());
        }
        String region = region(contact, m);
        Map<String, String> variables = new HashMap<>(safety.variables(region));
        variables.putAll(reportRoutes.variables(region, session.language()));
        variables.put("hours_notice", hoursNotice(session.language(), variables, now));

        if (!begun.allowed()) {
            return flooded(id, m, session, contact, classification, variables, begun.tell(), now, turn);
        }
        if ("waiting".equals(begun.queueState())) {
            // help while in line: the engine answers "how long" with what is known (the queue's figures are input)
            queue.inLine(id).ifPresent(in -> {
                variables.put("position", Long.toString(in.position()));
                in.minutes().ifPresent(min -> variables.put("minutes", Long.toString(min)));
            });
        }
        QueueEntry held = "claimed".equals(begun.queueState())
                ? queue.entry(id).filter(e -> "claimed".equals(e.state())).orElse(null) : null;
        // a counsellor holds it: the bot is silent, except for carrier keywords and safe-contact commands (the quiet
        // exit, "not safe to text back"), which the engine decides on
        if (held != null && CarrierKeywords.kind(m.text()).isEmpty()
                && engine.safetyCommand(m.text(), session.language()).isEmpty()) {
            return withCounsellor(id, m, session, contact, classification, variables, held, now, turn);
        }

        Step step = engine.resume(session, new Input(m.text(), m.mediaCount(), now, classification, variables));
        if (optimistic && step.events().stream().anyMatch(ConversationService::beyondCommit)) {
            return null;
        }
        if (held != null) {
            passToCounsellor(id, m, classification, held, IsoInstant.format(now));
        }
        java.util.Optional<org.helpline.dialogue.event.QuietExit> quiet =
                step.event(org.helpline.dialogue.event.QuietExit.class);
        if (quiet.isPresent() && quiet.get().erase() && erasures.decide(id) == Erasures.Decision.ERASE_NOW) {
            cache.forget(id);
            erasures.eraseNow(id, "texter", "erased-by-texter:quiet-exit");
            return new Outcome(id, List.of(), step.events(), false);  // no reply at all: nothing says "helpline"
        }
        if (step.event(ErasureRequested.class).isPresent()) {
            cache.forget(id);
            if (erasures.decide(id) == Erasures.Decision.PERSON_FIRST) {
                return erasureHeld(id, m, session.withLastActivity(now), contact, classification, variables, turn);
            }
            erasures.eraseNow(id, "texter", "erased-by-texter");
            return new Outcome(id, step.replies(), step.events(), false);
        }

        // The escalation is durable before the young person is told a counsellor is coming.
        List<String> replies = new ArrayList<>(step.replies());
        if (session.notSafeToText() && step.event(org.helpline.dialogue.event.QuietExit.class).isEmpty()) {
            replies.addAll(heldReplies.takeAll(id));  // a counsellor's replies, as the answer to this message
        }
        boolean escalated = false;
        for (Event e : step.events()) {
            if (e instanceof EscalationRequested er) {
                escalated = true;
                String writes = step.event(org.helpline.dialogue.event.LanguageUnsupported.class)
                        .map(org.helpline.dialogue.event.LanguageUnsupported::language).orElse(null);
                EnqueueScript.Result r = enqueue(id, begun, er.risk(), er.reasons(), step.session().language(),
                        writes);
                LOG.info("conversation {}: escalation {} at {} ({})", shortId(id), r.outcome(), er.risk(), er.reason());
                if (r.outcome() == EnqueueScript.Outcome.ADDED && r.rank() >= 0) {
                    replies.add(engine.flows().catalogue().render(step.session().language(), "queue.position",
                            Map.of("position", Long.toString(r.rank() + 1))));
                    queue.rememberToldPosition(id, r.rank() + 1);
                }
                events.publish("*", "queue", Map.of("depth", queue.depth()));
            }
        }

        Contact updated = updateContact(id, contact, m, step, at);
        updateList(id, m, step, updated, now);
        List<TranscriptEntry> entries = new ArrayList<>();
        String inText = m.mediaCount() > 0 ? m.text() + " [" + m.mediaCount() + " attachment(s) not opened]" : m.text();
        entries.add(store.entry(id, at, "in", m.messageId(), classification.risk().tier().name(),
                inText, classification.risk().reasons()));
        for (Event e : step.events()) {
            if (e instanceof OptedOut out) {
                optOuts.apply(id, out, m.messageId()).ifPresent(entries::add);
            } else if (e instanceof org.helpline.dialogue.event.SafeContactChanged sc) {
                entries.add(safeContactChanged(id, sc, held, m.messageId()));
            } else if (e instanceof org.helpline.dialogue.event.QuietExit q) {
                entries.add(quietExit(id, q, held, m.messageId()));
            }
        }
        for (String reply : replies) {
            entries.add(store.entry(id, at, "bot", null, null, reply, List.of()));
        }
        Outcome outcome = commit(new ConversationStore.Commit(id, step.session(), updated, entries, m.messageId(),
                replies), turn, begun.queueState() == null && !escalated && !atRisk,
                new Outcome(id, replies, step.events(), false));
        // one line per ordinary message is DEBUG: at thousands of messages a second it was 6% of the gateway's CPU
        // (escalations, erasure, floods and failures keep their own INFO/WARN lines)
        if (outcome != null && LOG.isDebugEnabled()) {
            LOG.debug("conversation {}: {} reply(ies), events {}{}", shortId(id), replies.size(),
                    step.events().stream().map(e -> e.getClass().getSimpleName()).toList(),
                    optimistic ? " (one round trip)" : "");
        }
        return outcome;
    }

    /** Events whose handling writes more than the conversation's commit: never on an optimistic attempt. */
    private static boolean beyondCommit(Event e) {
        return e instanceof EscalationRequested || e instanceof ErasureRequested
                || e instanceof org.helpline.dialogue.event.ListJoined || e instanceof OptedOut || e instanceof OptedIn
                || e instanceof org.helpline.dialogue.event.SafeContactChanged
                || e instanceof org.helpline.dialogue.event.QuietExit;
    }

    /** {@code SafeContactChanged}: the holding counsellor is told at once; the transcript says so for anyone. */
    private TranscriptEntry safeContactChanged(String id, org.helpline.dialogue.event.SafeContactChanged sc,
                                               QueueEntry held, String messageId) {
        String text = sc.safeToText()
                ? "The young person said it is safe to text them again."
                : "NOT SAFE TO TEXT BACK: the young person said it is not safe for us to text them. Nothing is sent "
                + "to them unprompted; your replies are held until they write again.";
        if (held != null) {
            events.publish(held.counsellor(), "safe-contact", Map.of("conversation", id, "text", text));
        }
        LOG.info("conversation {}: safe to text {}", shortId(id), sc.safeToText() ? "again" : "no more");
        return store.entry(id, clock.instant().toString(), "system", messageId, null, text, List.of());
    }

    /**
     * {@code QuietExit}: no reply went out. A LOW waiting conversation leaves the queue; one still in line (HIGH or
     * above) or held stays, and its counsellor and the supervisors are told; "gtg delete" asks for erasure, which
     * waits for a person exactly as DELETE does ({@link Erasures}).
     */
    private TranscriptEntry quietExit(String id, org.helpline.dialogue.event.QuietExit q, QueueEntry held,
                                      String messageId) {
        String text = "The young person left quietly (quick exit): it may not be safe for them now. Nothing is "
                + "sent to them until they write again.";
        if (held != null) {
            events.publish(held.counsellor(), "safe-contact", Map.of("conversation", id, "text", text));
        } else if (!q.stillInLine()) {
            if (queue.withdrawIfWaiting(id) == org.helpline.gateway.queue.RemoveScript.Outcome.REMOVED) {
                events.publish("*", "queue", Map.of("depth", queue.depth()));
            }
        } else {
            events.publish("*", "safe-contact", Map.of("conversation", id, "text", text));
        }
        if (q.erase()) {
            erasures.holdForPerson(id, messageId); // erase-now cases never reach the commit
        }
        LOG.info("conversation {}: quiet exit", shortId(id));
        return store.entry(id, clock.instant().toString(), "system", messageId, null, text, List.of());
    }

    /** The message of a held conversation that the engine answered (a safe-contact command): the counsellor sees it. */
    private void passToCounsellor(String id, InboundMessage m, Classification classification, QueueEntry held,
                                  String at) {
        Map<String, Object> live = new HashMap<>();
        live.put("conversation", id);
        live.put("at", at);
        live.put("direction", "in");
        live.put("text", m.text());
        live.put("risk", classification.risk().tier().name());
        live.put("reasons", classification.risk().reasons());
        events.publish(held.counsellor(), "message", live);
    }

    /**
     * A counsellor holds the conversation: the bot stays silent and the message goes to them live. Risk is still
     * assessed: a higher tier raises the entry, and IMMINENT (or an explicit statement of suicide or self-harm)
     * still sends the emergency numbers at once.
     */
    private Outcome withCounsellor(String id, InboundMessage m, Session session, Contact contact,
                                   Classification classification, Map<String, String> variables, QueueEntry held,
                                   Instant now, Turn turn) {
        String at = IsoInstant.format(now);
        RiskTier tier = classification.risk().tier();
        if (engine.triggerTarget(m.text(), session.language()).filter(t -> t.flow().equals("privacy")).isPresent()) {
            // no confirmation step while held: the counsellor is there to talk it through, and sees it first
            return erasureHeld(id, m, session.withLastActivity(now), contact, classification, variables, turn);
        }
        List<String> replies = new ArrayList<>();
        if (tier.atLeast(RiskTier.HIGH)) {
            enqueue(id, turn.begun, tier, classification.risk().reasons(), session.language());
        }
        if (classification.risk().needsEmergencyNumbers()) {
            replies.add(engine.flows().catalogue().render(session.language(), "system.risk_imminent", variables));
        }
        if (session.notSafeToText()) {
            replies.addAll(heldReplies.takeAll(id));  // the counsellor's held replies answer this message
        }
        String inText = m.mediaCount() > 0 ? m.text() + " [" + m.mediaCount() + " attachment(s) not opened]" : m.text();
        List<TranscriptEntry> entries = new ArrayList<>();
        entries.add(store.entry(id, at, "in", m.messageId(), tier.name(), inText,
                classification.risk().reasons()));
        for (String reply : replies) {
            entries.add(store.entry(id, at, "bot", null, null, reply, List.of()));
        }
        Contact updated = new Contact(contact.sealedAddress(), contact.channel(), contact.region(), contact.language(),
                contact.optedOut(), contact.consentedAt(), contact.firstSeen(), at);
        commit(new ConversationStore.Commit(id, session.withLastActivity(now), updated, entries, m.messageId(),
                replies), turn, false, null);
        Map<String, Object> live = new HashMap<>();
        live.put("conversation", id);
        live.put("at", at);
        live.put("direction", "in");
        live.put("text", inText);
        live.put("risk", tier.name());
        live.put("reasons", classification.risk().reasons());
        events.publish(held.counsellor(), "message", live);
        LOG.info("conversation {}: message passed to the counsellor", shortId(id));
        return new Outcome(id, replies, List.of(), false);
    }

    /**
     * The young person confirmed erasure of a conversation a person must see first ({@link Erasures}): nothing is
     * erased yet, the counsellor and supervisors are told, and the young person is told it will be erased once a
     * counsellor has seen the request. The conversation stays where it was (waiting, or with its counsellor).
     */
    private Outcome erasureHeld(String id, InboundMessage m, Session session, Contact contact,
                                Classification classification, Map<String, String> variables, Turn turn) {
        String at = IsoInstant.format(clock.instant());
        boolean held = queue.heldByCounsellor(id);
        List<String> replies = List.of(engine.flows().catalogue().render(session.language(),
                held ? "privacy.erase_blocked" : "privacy.erase_pending", variables));
        List<TranscriptEntry> entries = new ArrayList<>();
        entries.add(store.entry(id, at, "in", m.messageId(), classification.risk().tier().name(), m.text(),
                classification.risk().reasons()));
        entries.add(erasures.holdForPerson(id, m.messageId()));
        for (String reply : replies) {
            entries.add(store.entry(id, at, "bot", null, null, reply, List.of()));
        }
        Contact updated = new Contact(contact.sealedAddress(), contact.channel(), contact.region(), contact.language(),
                contact.optedOut(), contact.consentedAt(), contact.firstSeen(), at);
        commit(new ConversationStore.Commit(id, session, updated, entries, m.messageId(), replies), turn, false, null);
        return new Outcome(id, replies, List.of(), false);
    }

    /**
     * Over the sender's rate: the message is kept in the transcript but runs no flow; the sender is told once per
     * flood. Safety first: a HIGH or IMMINENT message still reaches the queue (one entry per conversation, so a
     * flood can never push anyone else's escalation down).
     */
    private Outcome flooded(String id, InboundMessage m, Session session, Contact contact,
                            Classification classification, Map<String, String> variables, boolean tell,
                            Instant now, Turn turn) {
        String at = IsoInstant.format(now);
        RiskTier tier = classification.risk().tier();
        if (tier.atLeast(RiskTier.HIGH)) {
            enqueue(id, turn.begun, tier, classification.risk().reasons(), session.language());
        }
        List<String> replies = new ArrayList<>();
        if (tell) {
            replies.add(engine.flows().catalogue().render(session.language(), "system.slow_down", variables));
        }
        if (classification.risk().needsEmergencyNumbers()) {
            replies.add(engine.flows().catalogue().render(session.language(), "system.risk_imminent", variables));
        }
        List<TranscriptEntry> entries = new ArrayList<>();
        entries.add(store.entry(id, at, "in", m.messageId(), tier.name(), m.text() + " [rate-limited]",
                classification.risk().reasons()));
        for (String reply : replies) {
            entries.add(store.entry(id, at, "bot", null, null, reply, List.of()));
        }
        Contact c = contact != null ? contact : updateContact(id, null, m, new Step(session, List.of(), List.of()), at);
        commit(new ConversationStore.Commit(id, session, c, entries, m.messageId(), replies), turn, false, null);
        // counted and summed up once a minute: a line each let one flooding sender write thousands of lines
        refusals.count("message over the sender rate limit", "kept, no flow run");
        return new Outcome(id, replies, List.of(), false);
    }

    /** Outside operating hours: when counsellors are back, and the emergency number, rendered for the reply. */
    private String hoursNotice(String language, Map<String, String> variables, Instant now) {
        ZonedDateTime at = now.atZone(java.time.ZoneOffset.UTC);
        if (hours.openAt(at)) {
            return "";
        }
        String nextOpen = hours.nextOpening(at)
                .map(t -> t.format(DateTimeFormatter.ofPattern("EEEE HH:mm", Locale.forLanguageTag(language))))
                .orElse("soon");
        Map<String, String> vars = new HashMap<>(variables);
        vars.put("next_open", nextOpen);
        return engine.flows().catalogue().render(language, "queue.after_hours", vars);
    }

    private Classification classify(String text, String language, String id, Turn turn) {
        if (turn.classified != null && java.util.Objects.equals(turn.classified.hint(), language)) {
            return turn.classified.classification();     // made by the optimistic attempt before this one
        }
        Classification c;
        try {
            c = classifier.classify(text, language);
        } catch (RuntimeException e) {
            LOG.error("conversation {}: classifier failed ({}); escalating to be safe", shortId(id),
                    e.getClass().getSimpleName());
            c = Classification.failSafe(language == null ? defaultLanguage : language,
                    e.getClass().getSimpleName());
        }
        turn.classified = new Classified(language, c);
        return c;
    }

    /** JOIN puts the contact on the safety-message list (their message is the consent); STOP takes them off. */
    private void updateList(String id, InboundMessage m, Step step, Contact contact, Instant now) {
        for (Event e : step.events()) {
            if (e instanceof org.helpline.dialogue.event.ListJoined joined) {
                var outcome = subscribers.subscribe(new org.helpline.gateway.campaign.Subscribers.Join(m.from(),
                        contact.language(), List.of(), null, joined.how().equals("flow") ? "flow" : "keyword:"
                        + joined.how(), now.toString(), "message " + m.messageId()), true);
                LOG.info("conversation {}: joined the safety-message list ({})", shortId(id), outcome);
            } else if (e instanceof OptedOut) {
                subscribers.optOut(id, "keyword");
            } else if (e instanceof OptedIn) {
                subscribers.optBackIn(id);
            }
        }
    }

    /** {@code at}: the message's time, as the transcript has it. */
    private Contact updateContact(String id, Contact c, InboundMessage m, Step step, String at) {
        String sealed = c == null ? store.sealAddress(id, m.from().raw()) : c.sealedAddress();
        boolean optedOut = c != null && c.optedOut();
        String consentedAt = c == null ? null : c.consentedAt();
        String language = step.session().language();
        for (Event e : step.events()) {
            if (e instanceof OptedOut) {
                optedOut = true;
            } else if (e instanceof OptedIn) {
                optedOut = false;
            } else if (e instanceof ConsentGiven) {
                consentedAt = at;
            } else if (e instanceof LanguageChanged lc) {
                language = lc.language();
            }
        }
        return new Contact(sealed, m.from().channel().name(), region(c, m), language, optedOut,
                consentedAt, c == null ? at : c.firstSeen(), at);
    }

    /**
     * The texter's region: the one stored with the contact (worked out from this same number, since the conversation
     * id is its keyed hash), else from the number (libphonenumber's region lookup showed in the profile).
     */
    private static String region(Contact contact, InboundMessage m) {
        return contact != null && contact.region() != null ? contact.region() : m.from().region().orElse(null);
    }

    static String shortId(String id) {
        return id.substring(0, 8);
    }
}
