package org.helpline.gateway.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.helpline.gateway.audit.AuditLog;
import org.helpline.gateway.cases.AgeBand;
import org.helpline.gateway.cases.CaseRecords;
import org.helpline.gateway.cases.Gender;
import org.helpline.gateway.cases.Outcome;
import org.helpline.gateway.cases.Referral;
import org.helpline.gateway.cases.Reports;
import org.helpline.gateway.conversation.ConversationStore;
import org.helpline.gateway.conversation.CounsellorJoined;
import org.helpline.gateway.conversation.Erasures;
import org.helpline.gateway.live.LiveEvents;
import org.helpline.gateway.queue.AssignScript;
import org.helpline.gateway.queue.Counsellors;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.gateway.queue.LivenessChecks;
import org.helpline.gateway.queue.QueueEntry;
import org.helpline.gateway.queue.QueueState;
import org.helpline.gateway.queue.RenewScript;
import org.helpline.gateway.queue.TransferScript;
import org.helpline.nlp.Intent;
import org.helpline.nlp.RiskTier;
import org.reactivestreams.Publisher;
import redis.clients.jedis.UnifiedJedis;

/**
 * The console's JSON API. Controllers only translate HTTP to calls; role checks are annotations, holder checks are
 * the desk's. Every POST needs the {@code X-Helpline-Console} header ({@link CsrfHeaderFilter}).
 */
@Controller("/console/api")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ConsoleController {
    @Serdeable
    public record Me(String username, List<String> roles, String presence, int capacity, List<String> languages) {
    }

    @Serdeable
    public record PresenceChange(String presence) {
    }

    @Serdeable
    public record Claimed(String conversation) {
    }

    /**
     * A conversation I hold, for my list.
     *
     * @param replyDueSince since when a reply of mine is due (ms: the later of my claim and my last reply)
     * @param silenceLimitSeconds after how long without a reply of mine the supervisors are alerted
     */
    @Serdeable
    public record Held(String id, String tierName, long enqueuedAt, Long claimedAt, String channel, String language,
                       @Nullable Long replyDueSince, long silenceLimitSeconds) {
    }

    @Serdeable
    public record HeldList(List<Held> conversations) {
    }

    @Serdeable
    public record Reply(@Nullable String text, @Nullable String templateSid) {
    }

    /** A transfer: {@code to} a colleague's name or {@code queue}; {@code note} the handover the next one reads. */
    @Serdeable
    public record Transfer(String to, @Nullable String note) {
    }

    /** A supervisor's assignment of a waiting conversation. */
    @Serdeable
    public record Assign(String to, @Nullable String note) {
    }

    /** A supervisor's reassignment of a held conversation to {@code to}, with the note the next one reads first. */
    @Serdeable
    public record Reassign(String to, @Nullable String note) {
    }

    /**
     * A close: {@code disposition} the main category and sub-category ({@link Dispositions}); the case record's other
     * categories, age band, gender and outcome (enum names; defaults when left out: none, UNKNOWN, NOT_ASKED,
     * SUPPORTED); {@code referrals} where the young person was referred ({@link Referral} names, {@code NONE} for
     * nowhere; left out: not recorded); {@code mattered} the transcript indexes of the messages that mattered,
     * {@code topic} their intent label and {@code names} names to take out of them (kept for training only when the
     * young person agreed).
     */
    @Serdeable
    public record Close(String disposition, @Nullable String notes, @Nullable List<String> categories,
                        @Nullable String ageBand, @Nullable String gender, @Nullable String outcome,
                        @Nullable String riskReview, @Nullable List<String> referrals,
                        @Nullable List<Integer> mattered, @Nullable String topic, @Nullable String names) {
    }

    /**
     * Whether the young person agreed to their messages being used for training; the transcript indexes of the
     * messages that may be kept (written after they agreed); the topics to choose from.
     */
    @Serdeable
    public record TrainingChoice(boolean consented, List<Integer> eligible, List<Option> topics,
                                 @Nullable FeedbackDrafts.Shown draft) {
    }

    /** The counsellor's review so far (any time before the close), saved as it is given. */
    @Serdeable
    public record FeedbackDraft(@Nullable String riskReview, @Nullable List<Integer> mattered, @Nullable String topic,
                                @Nullable String names) {
    }

    /** What the close form offers. */
    @Serdeable
    public record Option(String code, String label) {
    }

    @Serdeable
    public record CaseOptions(List<Option> categories, List<Option> ageBands, List<Option> genders,
                              List<Option> outcomes, List<Option> referrals) {
    }

    @Serdeable
    public record Problem(String error) {
    }

    @Serdeable
    public record NewUser(String username, String password, List<String> roles, @Nullable List<String> languages,
                          @Nullable Integer capacity) {
    }

    private final LiveQueue queue;
    private final Counsellors counsellors;
    private final Users users;
    private final CounsellorDesk desk;
    private final LiveEvents events;
    private final AuditLog audit;
    private final ConsoleConfiguration config;
    private final UnifiedJedis redis;
    private final ConversationStore store;
    private final LivenessChecks liveness;
    private final Clock clock;
    private final WhyHere why;
    private final Assignments assignments;
    private final CaseRecords cases;
    private final Reports reports;
    private final CounsellorJoined joined;
    private final TrainingAtClose trainingAtClose;
    private final FeedbackDrafts drafts;

    public ConsoleController(LiveQueue queue, Counsellors counsellors, Users users, CounsellorDesk desk,
                             LiveEvents events, AuditLog audit, ConsoleConfiguration config, UnifiedJedis redis,
                             ConversationStore store, LivenessChecks liveness,
                             Clock clock, WhyHere why, Assignments assignments,
                             CounsellorJoined joined,
                             CaseRecords cases, Reports reports, TrainingAtClose trainingAtClose,
                             FeedbackDrafts drafts) {
        this.trainingAtClose = trainingAtClose;
        this.drafts = drafts;
        this.cases = cases;
        this.reports = reports;
        this.why = why;
        this.assignments = assignments;
        this.joined = joined;
        this.liveness = liveness;
        this.clock = clock;
        this.queue = queue;
        this.counsellors = counsellors;
        this.users = users;
        this.desk = desk;
        this.events = events;
        this.audit = audit;
        this.config = config;
        this.redis = redis;
        this.store = store;
    }

    @Get("/me")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public Me me(Authentication auth) {
        Users.User u = users.find(auth.getName()).orElseThrow();
        Counsellors.Status s = counsellors.status(u.username());
        return new Me(u.username(), u.roles(), s.presence(), u.capacity(), u.languages());
    }

    @Post("/presence")
    @Secured("COUNSELLOR")
    public HttpResponse<?> presence(Authentication auth, @Body PresenceChange change) {
        try {
            counsellors.presence(auth.getName(), change.presence());
        } catch (IllegalArgumentException e) {
            return HttpResponse.badRequest(new Problem(e.getMessage()));
        }
        events.publish("*", "presence", Map.of("counsellor", auth.getName(), "presence", change.presence()));
        return HttpResponse.ok(me(auth));
    }

    @Post("/next")
    @Secured("COUNSELLOR")
    public HttpResponse<?> next(Authentication auth) {
        return queue.claim(auth.getName())
                .<HttpResponse<?>>map(id -> {
                    audit.record(auth.getName(), "claim", id);
                    joined.tell(id);                      // "a counsellor has joined" (never when not safe to text)
                    events.publish("*", "queue", Map.of("depth", queue.depth()));
                    return HttpResponse.ok(new Claimed(id));
                })
                .orElseGet(HttpResponse::noContent);
    }

    /** One tier of the waiting queue as the desk shows it. */
    @Serdeable
    public record TierWaiting(String tier, long waiting, long longestWaitSeconds) {
    }

    /**
     * The queue as a counsellor's desk shows it on load and after every change: by tier, most urgent first, with the
     * longest wait in each, and the IMMINENT conversations waiting (a new one raises the desk's alert).
     */
    @Serdeable
    public record QueueNow(long total, List<TierWaiting> tiers, List<String> imminent) {
    }

    @Get("/queue")
    @Secured("COUNSELLOR")
    public QueueNow queueNow() {
        LiveQueue.Overview o = queue.overview();
        List<TierWaiting> tiers = new ArrayList<>();
        long total = 0;
        for (var t : List.of(RiskTier.IMMINENT, RiskTier.HIGH,
                RiskTier.LOW)) {
            long n = o.depthByTier().getOrDefault(t, 0L);
            total += n;
            tiers.add(new TierWaiting(t.name(), n, o.longestWaitByTier().getOrDefault(t, 0L)));
        }
        return new QueueNow(total, tiers, o.imminent());
    }

    @Get("/conversations")
    @Secured("COUNSELLOR")
    public HeldList mine(Authentication auth) {
        List<Held> out = new ArrayList<>();
        List<QueueEntry> held = queue.heldBy(auth.getName());
        List<Long> due = liveness.replyDueSince(held.stream().map(QueueEntry::conversation).toList());
        long limit = liveness.config().counsellorSilence().toSeconds();
        for (int i = 0; i < held.size(); i++) {
            QueueEntry e = held.get(i);
            String channel = store.contact(e.conversation()).map(c -> c.channel()).orElse("UNKNOWN");
            out.add(new Held(e.conversation(), e.tierName(), e.enqueuedAt(), e.claimedAt(), channel, e.language(),
                    due.get(i), limit));
        }
        return new HeldList(out);
    }

    @Get("/conversations/{id}")
    @Secured("COUNSELLOR")
    public HttpResponse<?> conversation(Authentication auth, @PathVariable String id) {
        if (!desk.holds(auth.getName(), id)) {
            return HttpResponse.status(HttpStatus.FORBIDDEN).body(new Problem("you do not hold this conversation"));
        }
        return desk.view(id, auth.getName(), "view").<HttpResponse<?>>map(v -> HttpResponse.ok(why.open(v, false)
                        .withHandover(assignments.handover(id).orElse(null)).withHistory(cases.history(id))))
                .orElseGet(HttpResponse::notFound);
    }

    @Post("/conversations/{id}/messages")
    @Secured("COUNSELLOR")
    public HttpResponse<?> reply(Authentication auth, @PathVariable String id, @Body Reply reply) {
        if (!desk.holds(auth.getName(), id)) {
            return HttpResponse.status(HttpStatus.FORBIDDEN).body(new Problem("you do not hold this conversation"));
        }
        CounsellorDesk.Sent sent = desk.reply(id, auth.getName(), reply.text(), reply.templateSid());
        if ("sent".equals(sent.status()) || "held".equals(sent.status())) {
            liveness.noteReply(id);                     // a new silence starts now
            return HttpResponse.ok(sent);
        }
        return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY).body(sent);
    }

    /** The holding counsellor has seen the young person's erasure request: it goes ahead. */
    @Post("/conversations/{id}/erasure")
    @Secured("COUNSELLOR")
    public HttpResponse<?> acknowledgeErasure(Authentication auth, @PathVariable String id) {
        if (!desk.holds(auth.getName(), id)) {
            return HttpResponse.status(HttpStatus.FORBIDDEN).body(new Problem("you do not hold this conversation"));
        }
        return erasure(desk.acknowledgeErasure(id, auth.getName()));
    }

    /** A supervisor has seen the erasure request of a conversation (waiting HIGH/IMMINENT, or held): it goes ahead. */
    @Post("/supervisor/conversations/{id}/erasure")
    @Secured("SUPERVISOR")
    public HttpResponse<?> superviseErasure(Authentication auth, @PathVariable String id) {
        return erasure(desk.acknowledgeErasure(id, auth.getName()));
    }

    private static HttpResponse<?> erasure(Erasures.Acknowledged a) {
        return a == Erasures.Acknowledged.ERASED
                ? HttpResponse.ok(Map.of("outcome", "erased"))
                : HttpResponse.status(HttpStatus.CONFLICT).body(new Problem("no erasure request is waiting"));
    }

    @Post("/heartbeat")
    @Secured("COUNSELLOR")
    public RenewScript.Result heartbeat(Authentication auth) {
        return queue.renew(auth.getName());
    }

    @Post("/conversations/{id}/transfer")
    @Secured("COUNSELLOR")
    public HttpResponse<?> transfer(Authentication auth, @PathVariable String id, @Body Transfer transfer) {
        String to = transfer.to() == null || "queue".equals(transfer.to()) ? null
                : transfer.to().trim().toLowerCase(Locale.ROOT);
        TransferScript.Outcome o = desk.transfer(id, auth.getName(), to);
        return switch (o) {
            case QUEUED, TRANSFERRED -> {
                assignments.noteHandover(id, auth.getName(), transfer.note());
                if (o == TransferScript.Outcome.TRANSFERRED) {
                    events.publish(to, "assigned", Map.of("conversation", id, "from", auth.getName(),
                            "note", transfer.note() != null && !transfer.note().isBlank()));
                }
                events.publish("*", "queue", Map.of("depth", queue.depth()));
                yield HttpResponse.ok(Map.of("outcome", o.name().toLowerCase()));
            }
            // REPLIED only answers the liveness job's guarded return, never a counsellor's transfer
            case NOT_HOLDER, REPLIED -> HttpResponse.status(HttpStatus.FORBIDDEN)
                    .body(new Problem("you do not hold this conversation"));
            // TARGET_LANGUAGE only answers a supervisor's reassignment; a counsellor may pick any colleague
            case TO_SELF, TARGET_UNAVAILABLE, TARGET_FULL, TARGET_LANGUAGE -> HttpResponse.status(HttpStatus.CONFLICT)
                    .body(new Problem(assignments.refusal(o, to)));
        };
    }

    /** Colleagues I could transfer a conversation to now: available, with room; those who speak its language first. */
    @Get("/colleagues")
    @Secured("COUNSELLOR")
    public List<Assignments.Colleague> colleagues(Authentication auth, @Nullable @QueryValue String conversation) {
        String language = conversation == null ? null : queue.entry(conversation).map(QueueEntry::language)
                .orElse(null);
        return assignments.available(auth.getName(), language);
    }

    /**
     * Counsellors a supervisor could assign a conversation to now; for a held one, not its holder (a reassignment
     * goes to someone else).
     */
    @Get("/supervisor/colleagues")
    @Secured("SUPERVISOR")
    public List<Assignments.Colleague> assignable(@Nullable @QueryValue String conversation) {
        QueueEntry e = conversation == null ? null : queue.entry(conversation).orElse(null);
        return assignments.available(e != null && e.is(QueueState.CLAIMED) ? e.counsellor() : null,
                e == null ? null : e.language());
    }

    /** A supervisor gives a waiting conversation to an available counsellor, with an optional handover note. */
    @Post("/supervisor/conversations/{id}/assign")
    @Secured("SUPERVISOR")
    public HttpResponse<?> assign(Authentication auth, @PathVariable String id, @Body Assign a) {
        if (a.to() == null || a.to().isBlank()) {
            return HttpResponse.badRequest(new Problem("Choose the counsellor who should take this conversation."));
        }
        String to = a.to().trim().toLowerCase(Locale.ROOT);
        AssignScript.Outcome o = assignments.assign(id, auth.getName(), to, a.note());
        if (o != AssignScript.Outcome.ASSIGNED) {
            return HttpResponse.status(HttpStatus.CONFLICT).body(new Problem(assignments.refusal(o, to)));
        }
        events.publish(to, "assigned", Map.of("conversation", id, "from", auth.getName(),
                "note", a.note() != null && !a.note().isBlank()));
        events.publish("*", "queue", Map.of("depth", queue.depth()));
        return HttpResponse.ok(Map.of("outcome", "assigned"));
    }

    /**
     * A supervisor takes a held conversation from its counsellor ("push": stuck, overloaded or leaving) and gives it
     * to an available colleague with room who speaks its language, with an optional handover note. The former holder's
     * desk is told it was moved (they can no longer reply), the new one gets the assignment.
     */
    @Post("/supervisor/conversations/{id}/reassign")
    @Secured("SUPERVISOR")
    public HttpResponse<?> reassign(Authentication auth, @PathVariable String id, @Body Reassign r) {
        if (r.to() == null || r.to().isBlank()) {
            return HttpResponse.badRequest(new Problem("Choose the counsellor who should take this conversation."));
        }
        String to = r.to().trim().toLowerCase(Locale.ROOT);
        Assignments.Reassignment done = assignments.reassign(id, auth.getName(), to, r.note());
        if (!done.moved()) {
            return HttpResponse.status(done.outcome() == null ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT)
                    .body(new Problem(done.refusal()));
        }
        events.publish(done.from(), "reassigned", Map.of("conversation", id, "by", auth.getName(), "to", to));
        events.publish(to, "assigned", Map.of("conversation", id, "from", auth.getName(), "reassignedFrom",
                done.from(), "note", r.note() != null && !r.note().isBlank()));
        events.publish("*", "queue", Map.of("depth", queue.depth()));
        return HttpResponse.ok(Map.of("outcome", "reassigned", "from", done.from(), "to", to));
    }

    @Post("/conversations/{id}/close")
    @Secured("COUNSELLOR")
    public HttpResponse<?> close(Authentication auth, @PathVariable String id, @Body Close close) {
        CaseRecords.Closing record;
        try {
            record = closing(close);
        } catch (IllegalArgumentException e) {
            return HttpResponse.badRequest(new Problem(e.getMessage()));
        }
        if (close.topic() != null && !close.topic().isBlank() && topic(close) == null) {
            // refused before anything is closed: the counsellor's labels are not lost to a typo
            return HttpResponse.badRequest(new Problem("'" + close.topic().strip()
                    + "' is not one of the helpline's topics: choose one from the list, or leave it empty."));
        }
        // read before the close: the entry's tier and wait are the case record's
        List<String> f = queue.entryFields(List.of(id), "tierName", "enqueuedAt", "firstClaimedAt").get(0);
        try {
            if (!desk.close(id, auth.getName(), close.disposition(), close.notes())) {
                return HttpResponse.status(HttpStatus.FORBIDDEN).body(new Problem("you do not hold this conversation"));
            }
        } catch (IllegalArgumentException e) {
            return HttpResponse.badRequest(new Problem(e.getMessage()));
        }
        Long arrived = f.get(1) == null ? null : Long.parseLong(f.get(1));
        Long wait = arrived == null || f.get(2) == null ? null : Long.parseLong(f.get(2)) - arrived;
        String tier = f.get(0) == null ? "NONE" : f.get(0);
        String caseId = cases.record(id, auth.getName(), tier, arrived, wait, record);
        // the reports page reads its figures again: the case id only, nothing of the young person's
        events.publish(LiveEvents.SUPERVISORS, "case-closed", Map.of("case", caseId));
        int kept = trainingAtClose.keep(id, tier, record, new TrainingAtClose.Marks(indexes(close.mattered()),
                close.names(), topic(close)));
        drafts.clear(id);
        return HttpResponse.ok(Map.of("outcome", "closed", "case", caseId, "keptForTraining", kept));
    }

    /** The close form's names field holds a few names, never a message. */
    private static final int MAX_NAMES = 1000;

    /** Transcript indexes as a form sent them, without the nulls a hand-made request may hold. */
    private static Set<Integer> indexes(@Nullable List<Integer> given) {
        return given == null ? Set.of() : given.stream().filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    private static Intent topic(Close close) {
        return close.topic() == null || close.topic().isBlank() ? null : topic(close.topic());
    }

    /** The intent a topic label names, or {@code null} for a label that names none. */
    private static Intent topic(String label) {
        try {
            Intent i = Intent.fromLabel(label);
            return i.label().equals(label.trim()) ? i : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Get("/conversations/{id}/training")
    @Secured("COUNSELLOR")
    public HttpResponse<?> trainingChoice(Authentication auth, @PathVariable String id) {
        if (!desk.holds(auth.getName(), id)) {
            return HttpResponse.status(HttpStatus.FORBIDDEN).body(new Problem("you do not hold this conversation"));
        }
        List<Option> topics = new ArrayList<>();
        for (Intent i : Intent.values()) {
            topics.add(new Option(i.label(), TOPIC_WORDS.getOrDefault(i, i.label())));
        }
        TrainingAtClose.Eligible eligible = trainingAtClose.eligible(id);
        return HttpResponse.ok(new TrainingChoice(eligible.consented(), eligible.indexes(), topics,
                drafts.get(id).orElse(null)));
    }

    @Post("/conversations/{id}/feedback")
    @Secured("COUNSELLOR")
    public HttpResponse<?> saveFeedback(Authentication auth, @PathVariable String id, @Body FeedbackDraft f) {
        if (!desk.holds(auth.getName(), id)) {
            return HttpResponse.status(HttpStatus.FORBIDDEN).body(new Problem("you do not hold this conversation"));
        }
        if (f.riskReview() != null && !f.riskReview().isBlank()) {
            try {
                RiskTier.valueOf(f.riskReview().trim());
            } catch (IllegalArgumentException e) {
                return HttpResponse.badRequest(new Problem("unknown risk level: " + f.riskReview()));
            }
        }
        if (f.names() != null && f.names().length() > MAX_NAMES) {
            return HttpResponse.badRequest(new Problem("the names to leave out are too long (at most " + MAX_NAMES
                    + " characters)"));
        }
        String topic = f.topic() == null || f.topic().isBlank() ? null : f.topic().trim();
        if (topic != null && topic(topic) == null) {
            return HttpResponse.badRequest(new Problem("unknown topic: " + topic));
        }
        drafts.save(id, f.riskReview(), List.copyOf(indexes(f.mattered())), topic, f.names());
        return HttpResponse.ok(Map.of("outcome", "saved"));
    }

    private static final Map<Intent, String> TOPIC_WORDS = Map.ofEntries(
            Map.entry(Intent.GREETING, "Just saying hello"), Map.entry(Intent.TALK_TO_COUNSELLOR, "Asking for a person"),
            Map.entry(Intent.CYBERBULLYING, "Cyberbullying"), Map.entry(Intent.GROOMING, "Grooming"),
            Map.entry(Intent.SEXTORTION, "Sextortion"),
            Map.entry(Intent.ONLINE_SEXUAL_EXPLOITATION, "Online sexual exploitation"),
            Map.entry(Intent.SELF_HARM_SUICIDE, "Self-harm or suicide"), Map.entry(Intent.ABUSE_AT_HOME, "Abuse at home"),
            Map.entry(Intent.HACKED_OR_PRIVACY, "Hacked account or privacy"),
            Map.entry(Intent.ONLINE_SAFETY_INFO, "Online safety information"),
            Map.entry(Intent.THANKS_GOODBYE, "Thanks or goodbye"), Map.entry(Intent.OTHER, "Something else"));

    /** The case record a close form describes; refuses what it does not know, in words. */
    private static CaseRecords.Closing closing(Close close) {
        if (close.disposition() == null || !Dispositions.CODES.containsKey(close.disposition())) {
            throw new IllegalArgumentException("unknown disposition");
        }
        List<String> categories = new ArrayList<>(List.of(close.disposition()));
        for (String c : close.categories() == null ? List.<String>of() : close.categories()) {
            if (!Dispositions.CODES.containsKey(c)) {
                throw new IllegalArgumentException("unknown category: " + c);
            }
            if (!categories.contains(c)) {
                categories.add(c);
            }
        }
        return new CaseRecords.Closing(categories,
                option(AgeBand.class, close.ageBand(),
                        AgeBand.UNKNOWN, "age band"),
                option(Gender.class, close.gender(),
                        Gender.NOT_ASKED, "gender"),
                counsellorsOutcome(option(Outcome.class, close.outcome(), Outcome.SUPPORTED, "outcome")),
                close.notes(),
                option(RiskTier.class, close.riskReview(), null, "risk level"),
                close.referrals() == null ? null : close.referrals().stream()
                        .map(x -> option(Referral.class, x, null, "referral")).filter(x -> x != null).toList());
    }

    /** A counsellor closes a case they answered: the outcomes of a wait that ended without one are the gateway's. */
    private static Outcome counsellorsOutcome(Outcome o) {
        if (o.endedWaiting()) {
            throw new IllegalArgumentException("“" + o.label() + "” is recorded by the gateway when a wait ends "
                    + "without a counsellor: choose how this conversation ended.");
        }
        return o;
    }

    private static <E extends Enum<E>> E option(Class<E> type, String value, E otherwise, String what) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown " + what + ": " + value);
        }
    }

    @Get("/case-options")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public CaseOptions caseOptions() {
        List<Option> categories = new ArrayList<>();
        Dispositions.CODES.forEach((code, label) -> categories.add(new Option(code, label)));
        List<Option> ages = new ArrayList<>();
        for (var a : AgeBand.values()) {
            ages.add(new Option(a.name(), a.label()));
        }
        List<Option> genders = new ArrayList<>();
        for (var g : Gender.values()) {
            genders.add(new Option(g.name(), g.label()));
        }
        List<Option> outcomes = new ArrayList<>();
        for (var o : Outcome.values()) {
            if (!o.endedWaiting()) {                     // the gateway's own, never chosen at close
                outcomes.add(new Option(o.name(), o.label()));
            }
        }
        List<Option> referrals = new ArrayList<>();
        for (var x : Referral.values()) {
            referrals.add(new Option(x.name(), x.label()));
        }
        return new CaseOptions(categories, ages, genders, outcomes, referrals);
    }

    /** Contacts and escalations per day, waits by tier, categories and outcomes, over {@code days} days. */
    @Get("/supervisor/reports")
    @Secured("SUPERVISOR")
    public Reports.Report report(@QueryValue(defaultValue = "14") int days,
                                                            @Nullable @QueryValue String zone) {
        return reports.report(Math.min(366, days), zone, Dispositions.CODES);
    }

    /** The case records as CSV: no phone number, no message text, no notes; formula-safe. */
    @Get(uri = "/supervisor/reports.csv", produces = "text/csv")
    @Secured("SUPERVISOR")
    public HttpResponse<String> reportCsv(Authentication auth, @QueryValue(defaultValue = "14") int days,
                                          @Nullable @QueryValue String zone) {
        audit.record(auth.getName(), "export-cases:" + days + "d", "-");
        return HttpResponse.ok(reports.csv(Math.min(366, days), zone))
                .header("Content-Disposition", "attachment; filename=\"cases-" + days + "d.csv\"")
                .contentType("text/csv; charset=utf-8");
    }


    @Get("/dispositions")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public List<Map<String, String>> dispositions() {
        List<Map<String, String>> out = new ArrayList<>();
        Dispositions.CODES.forEach((code, label) -> out.add(Map.of("code", code, "label", label)));
        return out;
    }

    @Get("/canned")
    @Secured("COUNSELLOR")
    public List<Map<String, String>> canned(@QueryValue(defaultValue = "en") String language) {
        List<String> texts = config.canned() == null ? null : config.canned().get(language);
        if (texts == null) {
            texts = CannedResponses.defaults(language);
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (String t : texts) {
            out.add(Map.of("title", t.length() > 40 ? t.substring(0, 40) + "…" : t, "text", t));
        }
        return out;
    }

    @Get(uri = "/events", produces = MediaType.TEXT_EVENT_STREAM)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @ExecuteOn(TaskExecutors.IO)
    public Publisher<Event<String>> events(Authentication auth) {
        Object sid = auth.getAttributes().get(ConsoleSessions.CLAIM);
        return events.stream(auth.getName(), sid == null ? "" : sid.toString(), auth.getRoles());
    }

    @Get("/supervisor/overview")
    @Secured("SUPERVISOR")
    public Map<String, Object> overview() {
        LiveQueue.Overview o = queue.overview();
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Long> byTier = new LinkedHashMap<>();
        o.depthByTier().forEach((t, n) -> byTier.put(t.name(), n));
        out.put("depthByTier", byTier);
        out.put("longestWaitSeconds", o.longestWaitSeconds());
        Map<String, Long> waitByTier = new LinkedHashMap<>();
        o.longestWaitByTier().forEach((t, w) -> waitByTier.put(t.name(), w));
        out.put("longestWaitByTier", waitByTier);
        List<Map<String, Object>> cs = new ArrayList<>();
        for (Counsellors.Status s : counsellors.all()) {
            cs.add(Map.of("username", s.name(), "presence", s.presence(), "load", s.load(),
                    "capacity", s.capacity()));
        }
        out.put("counsellors", cs);
        List<Map<String, Object>> conversations = new ArrayList<>();
        List<LivenessAlert> alerts = new ArrayList<>();
        List<QueueEntry> active = queue.active(100);
        List<Long> due = liveness.replyDueSince(active.stream().map(QueueEntry::conversation).toList());
        long now = clock.millis();
        var limits = liveness.config();
        for (int i = 0; i < active.size(); i++) {
            QueueEntry e = active.get(i);
            RiskTier tier = RiskTier.valueOf(e.tierName());
            Long since = due.get(i);
            // the supervisors' step of a silence (the desk alone is told first, see LivenessChecks.newlySilent)
            if (since != null && now - since >= limits.supervisorSilence().toMillis()) {
                alerts.add(new LivenessAlert(LivenessAlert.Kind.REPLY_OVERDUE, e.conversation(), e.tierName(),
                        e.counsellor(), (now - since) / 1000, limits.supervisorSilence().toSeconds()));
            }
            boolean overdue = "waiting".equals(e.state()) && liveness.overdue(tier, e.enqueuedAt());
            if (overdue) {
                alerts.add(new LivenessAlert(LivenessAlert.Kind.WAIT_OVER_TARGET, e.conversation(), e.tierName(),
                        null, (now - e.enqueuedAt()) / 1000, limits.targetWait(tier).orElseThrow().toSeconds()));
            }
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", e.conversation());
            c.put("tierName", e.tierName());
            c.put("state", e.state());
            c.put("counsellor", e.counsellor());
            c.put("enqueuedAt", e.enqueuedAt());
            c.put("claimedAt", e.claimedAt());
            c.put("language", e.language());
            c.put("erasurePending", desk.erasurePending(e.conversation()));
            c.put("writesIn", e.writesIn());
            c.put("replyDueSince", since);
            c.put("overdue", overdue);
            conversations.add(c);
        }
        out.put("conversations", conversations);
        out.put("alerts", alerts);
        List<Map<String, Object>> history = new ArrayList<>();
        for (String sample : redis.lrange(LiveQueue.historyKey(), -180, -1)) {
            String[] p = sample.split(",");
            history.add(Map.of("at", Instant.ofEpochMilli(Long.parseLong(p[0])).toString(),
                    "depth", Long.parseLong(p[1]), "longestWaitSeconds", Long.parseLong(p[2])));
        }
        out.put("history", history);
        return out;
    }

    @Get("/supervisor/conversations/{id}")
    @Secured("SUPERVISOR")
    public HttpResponse<?> supervise(Authentication auth, @PathVariable String id) {
        return desk.view(id, auth.getName(), "supervisor-view")
                .<HttpResponse<?>>map(v -> HttpResponse.ok(why.open(v, true)   // the model's detail too
                        .withHandover(assignments.handover(id).orElse(null)).withHistory(cases.history(id))))
                .orElseGet(HttpResponse::notFound);
    }

    @Post("/admin/users")
    @Secured("ADMIN")
    public HttpResponse<?> createUser(Authentication auth, @Body NewUser u) {
        try {
            Users.User created = users.create(u.username(), u.password(), u.roles(),
                    u.languages() == null ? List.of("en") : u.languages(), u.capacity() == null ? 1 : u.capacity());
            audit.record(auth.getName(), "create-user:" + created.username(), "-");
            return HttpResponse.created(created);
        } catch (IllegalArgumentException e) {
            return HttpResponse.badRequest(new Problem(e.getMessage()));
        }
    }

    @Get("/admin/users")
    @Secured("ADMIN")
    public List<Users.User> listUsers() {
        return users.all();
    }

    @Post("/admin/users/{name}/disable")
    @Secured("ADMIN")
    public HttpResponse<?> disableUser(Authentication auth, @PathVariable String name) {
        if (name.equalsIgnoreCase(auth.getName())) {
            return HttpResponse.badRequest(new Problem("You cannot disable yourself: ask another administrator."));
        }
        if (!users.setDisabled(name, true)) {
            return HttpResponse.notFound(new Problem("There is no user called " + name + "."));
        }
        audit.record(auth.getName(), "disable-user:" + name, "-");
        return HttpResponse.ok(users.find(name).orElseThrow());
    }

    @Post("/admin/users/{name}/enable")
    @Secured("ADMIN")
    public HttpResponse<?> enableUser(Authentication auth, @PathVariable String name) {
        if (!users.setDisabled(name, false)) {
            return HttpResponse.notFound(new Problem("no user " + name));
        }
        audit.record(auth.getName(), "enable-user:" + name, "-");
        return HttpResponse.ok(users.find(name).orElseThrow());
    }

    @io.micronaut.http.annotation.Delete("/admin/users/{name}")
    @Secured("ADMIN")
    public HttpResponse<?> removeUser(Authentication auth, @PathVariable String name) {
        if (name.equalsIgnoreCase(auth.getName())) {
            return HttpResponse.badRequest(new Problem("you cannot remove yourself"));
        }
        if (!users.remove(name)) {
            return HttpResponse.notFound(new Problem("no user " + name));
        }
        audit.record(auth.getName(), "remove-user:" + name, "-");
        return HttpResponse.ok(Map.of("outcome", "removed"));
    }

    /** New roles for a user. */
    @Serdeable
    public record RolesChange(List<String> roles) {
    }

    /** A new password for a user. */
    @Serdeable
    public record PasswordReset(String password) {
    }

    /** New languages (two-letter codes, or {@code *}) and capacity (conversations at once) for a user. */
    @Serdeable
    public record LanguagesChange(@Nullable List<String> languages, @Nullable Integer capacity) {
    }

    @Post("/admin/users/{name}/roles")
    @Secured("ADMIN")
    public HttpResponse<?> changeRoles(Authentication auth, @PathVariable String name, @Body RolesChange change) {
        List<String> roles = change.roles() == null ? List.of() : change.roles();
        if (name.equalsIgnoreCase(auth.getName())
                && roles.stream().noneMatch(r -> "ADMIN".equalsIgnoreCase(r.trim()))) {
            return HttpResponse.badRequest(new Problem("You cannot take the administrator role from yourself: "
                    + "ask another administrator to do it."));
        }
        Users.Change c = users.setRoles(name, roles);
        if (c == Users.Change.CHANGED) {
            audit.record(auth.getName(), "roles:" + name.toLowerCase(Locale.ROOT) + "="
                    + String.join("+", users.find(name).orElseThrow().roles()).toLowerCase(Locale.ROOT), "-");
            return HttpResponse.ok(users.find(name).orElseThrow());
        }
        return adminRefusal(c, name);
    }

    @Post("/admin/users/{name}/password")
    @Secured("ADMIN")
    public HttpResponse<?> resetPassword(Authentication auth, @PathVariable String name, @Body PasswordReset reset) {
        Users.Change c = users.resetPassword(name, reset.password());
        if (c == Users.Change.CHANGED) {
            audit.record(auth.getName(), "reset-password:" + name.toLowerCase(Locale.ROOT), "-");
            return HttpResponse.ok(users.find(name).orElseThrow());
        }
        return adminRefusal(c, name);
    }

    /** New languages and capacity, keeping the password, roles and sessions (nothing the user may do changes). */
    @Post("/admin/users/{name}/languages")
    @Secured("ADMIN")
    public HttpResponse<?> changeLanguages(Authentication auth, @PathVariable String name,
                                           @Body LanguagesChange change) {
        Users.Change c = users.setLanguagesAndCapacity(name, change.languages(), change.capacity());
        if (c == Users.Change.CHANGED) {
            Users.User u = users.find(name).orElseThrow();
            audit.record(auth.getName(), "languages-capacity:" + u.username() + "=" + String.join("+", u.languages())
                    + "/" + u.capacity(), "-");
            // an open desk shows and counts with them ("Nobody is waiting in your languages…"): it reads them again
            events.publish(u.username(), "me-changed", Map.of("languages", u.languages(), "capacity", u.capacity()));
            return HttpResponse.ok(u);
        }
        return adminRefusal(c, name);
    }

    private static HttpResponse<?> adminRefusal(Users.Change c, String name) {
        return switch (c) {
            case NO_SUCH_USER -> HttpResponse.notFound(new Problem("There is no user called " + name + "."));
            case INVALID_ROLES -> HttpResponse.badRequest(new Problem("Choose at least one role: counsellor, "
                    + "supervisor, campaigner or administrator."));
            case PASSWORD_TOO_SHORT -> HttpResponse.badRequest(new Problem("The new password is too short: use at "
                    + "least 10 characters."));
            case INVALID_LANGUAGES -> HttpResponse.badRequest(new Problem("Give at least one language as a "
                    + "two-letter code (e.g. en, es), or * for every language."));
            case INVALID_CAPACITY -> HttpResponse.badRequest(new Problem("Conversations at once must be a number "
                    + "from 1 to " + Users.MAX_CAPACITY + "."));
            case CHANGED -> HttpResponse.ok();
        };
    }

    @Get("/admin/audit")
    @Secured("ADMIN")
    public List<AuditLog.Entry> audit() {
        return audit.latest(500);
    }
}
