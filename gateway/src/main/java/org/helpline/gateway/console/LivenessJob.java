package org.helpline.gateway.console;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.helpline.gateway.audit.AuditLog;
import org.helpline.gateway.cases.CaseRecords;
import org.helpline.gateway.cases.Outcome;
import org.helpline.gateway.conversation.CounsellorJoined;
import org.helpline.gateway.conversation.WaitingEnded;
import org.helpline.gateway.jobs.ClusterJobs;
import org.helpline.gateway.live.LiveEvents;
import org.helpline.gateway.queue.EndWaitingScript;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.gateway.queue.LivenessChecks;
import org.helpline.gateway.queue.LivenessConfiguration;
import org.helpline.gateway.queue.TransferScript;
import org.helpline.nlp.RiskTier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The liveness job, run once per cluster every {@code helpline.jobs.liveness} (the {@code liveness} job of
 * {@link ClusterJobs}, scheduled by {@link QueueJobs}): a held conversation whose counsellor has gone silent alerts
 * the holder's desk, then the supervisors (and the on-call webhook), then goes back to the queue at its original
 * place (the young person told they are back in line, unless it is not safe to text them); a waiting HIGH/IMMINENT
 * conversation past its target wait alerts the supervisors and the on-call webhook; a waiting conversation whose
 * young person has been silent for {@code abandon-after} ends, and they are told ({@link WaitingEnded}), and the
 * reports get its record ({@link Outcome#ENDED_WAITING}); a counsellor whose desk stopped beating is set offline.
 * Each alert once ({@link LivenessChecks} marks them). Thresholds: {@link LivenessConfiguration}.
 */
@Singleton
public class LivenessJob {
    private static final Logger LOG = LoggerFactory.getLogger(LivenessJob.class);

    /** An ended waiting conversation, and what its young person got. */
    public record Ended(String conversation, RiskTier tier, WaitingEnded.Told told) {
    }

    /** A silent held conversation returned to the queue, who had held it, and what its young person got. */
    public record Returned(String conversation, String counsellor, RiskTier tier, CounsellorJoined.Told told) {
    }

    /**
     * What one run found and did: {@code silent} the desks alerted, {@code escalated} the silences the supervisors
     * were alerted of, {@code returned} those that went back to the queue.
     */
    public record Run(List<LivenessChecks.Silent> silent, List<LivenessChecks.Overdue> overdue, List<Ended> ended,
                      List<LivenessChecks.Lapsed> lapsed, List<LivenessChecks.Silent> escalated,
                      List<Returned> returned) {
    }

    private final LivenessChecks checks;
    private final WaitingEnded waitingEnded;
    private final LiveEvents events;
    private final AuditLog audit;
    private final LiveQueue queue;
    private final Clock clock;
    private final CounsellorDesk desk;
    private final OnCallWebhook oncall;
    private final CaseRecords cases;

    public LivenessJob(LivenessChecks checks, WaitingEnded waitingEnded, LiveEvents events, AuditLog audit,
                       LiveQueue queue, Clock clock, CounsellorDesk desk, OnCallWebhook oncall, CaseRecords cases) {
        this.cases = cases;
        this.desk = desk;
        this.oncall = oncall;
        this.checks = checks;
        this.waitingEnded = waitingEnded;
        this.events = events;
        this.audit = audit;
        this.queue = queue;
        this.clock = clock;
    }

    /** One run; the steps that message someone stop as soon as {@code lease} says another instance took over. */
    public Run run(ClusterJobs.Lease lease) {
        LivenessConfiguration config = checks.config();
        List<LivenessChecks.Lapsed> lapsed = checks.lapsePresence();
        for (LivenessChecks.Lapsed l : lapsed) {
            LOG.info("Presence lapsed: a counsellor's desk stopped beating, set offline");
            audit.record("liveness", "presence-lapsed:" + l.counsellor(), "-");
            events.publish("*", "presence", Map.of("counsellor", l.counsellor(), "presence", "offline"));
            events.publish(l.counsellor(), "presence-lapsed", alert(LivenessAlert.Kind.PRESENCE_LAPSED, null, null,
                    l.counsellor(), l.unseenFor().toSeconds(), config.presenceLapse().toSeconds()));
            events.publish(LiveEvents.SUPERVISORS, "liveness", alert(LivenessAlert.Kind.PRESENCE_LAPSED, null,
                    null, l.counsellor(), l.unseenFor().toSeconds(), config.presenceLapse().toSeconds()));
        }
        List<LivenessChecks.Silent> silent = new ArrayList<>();
        List<LivenessChecks.Silent> escalated = new ArrayList<>();
        List<Returned> returned = new ArrayList<>();
        for (LivenessChecks.Silent s : checks.newlySilent()) {
            long secs = s.silentFor().toSeconds();
            switch (s.step()) {
                case COUNSELLOR -> {
                    silent.add(s);
                    events.publish(s.counsellor(), "reply-overdue", alert(LivenessAlert.Kind.REPLY_OVERDUE,
                            s.conversation(), s.tier().name(), s.counsellor(), secs,
                            config.counsellorSilence().toSeconds()));
                }
                case SUPERVISOR -> {
                    escalated.add(s);
                    LivenessAlert a = alert(LivenessAlert.Kind.SILENCE_ESCALATED, s.conversation(), s.tier().name(),
                            s.counsellor(), secs, config.supervisorSilence().toSeconds());
                    audit.record("liveness", "silence-escalated:" + s.counsellor(), s.conversation());
                    events.publish(s.counsellor(), "reply-overdue", a);
                    events.publish(LiveEvents.SUPERVISORS, "liveness", a);
                    oncall.send(a);                              // asynchronous: never holds up the job
                }
                case RETURN -> {
                    if (!lease.stillHeld()) {
                        continue;                                // another instance runs the job now
                    }
                    if (checks.returnSilent(s) != TransferScript.Outcome.QUEUED) {
                        continue;                                // replied, closed or transferred meanwhile
                    }
                    CounsellorJoined.Told told = desk.tellTransferred(s.conversation(),
                            TransferScript.Outcome.QUEUED);
                    audit.record("liveness", "returned-silent:" + s.counsellor() + ":"
                            + told.name().toLowerCase(Locale.ROOT), s.conversation());
                    returned.add(new Returned(s.conversation(), s.counsellor(), s.tier(), told));
                    LivenessAlert a = alert(LivenessAlert.Kind.RETURNED_SILENT, s.conversation(), s.tier().name(),
                            s.counsellor(), secs, config.returnSilence().toSeconds());
                    events.publish(s.counsellor(), "returned-silent", a);
                    events.publish(LiveEvents.SUPERVISORS, "liveness", a);
                }
            }
        }
        List<LivenessChecks.Overdue> overdue = checks.newlyOverdue();
        for (LivenessChecks.Overdue o : overdue) {
            LivenessAlert a = alert(LivenessAlert.Kind.WAIT_OVER_TARGET, o.conversation(), o.tier().name(), null,
                    o.waited().toSeconds(), o.target().toSeconds());
            events.publish(LiveEvents.SUPERVISORS, "liveness", a);
            oncall.send(a);
        }
        List<Ended> ended = new ArrayList<>();
        long cutoff = clock.millis() - config.abandonAfter().toMillis();
        for (LivenessChecks.OldWaiting old : checks.oldWaiting()) {
            Long last = waitingEnded.lastInbound(old.conversation());
            if (last != null && last > cutoff) {
                continue;                                     // still writing: not abandoned
            }
            if (!lease.stillHeld()) {
                break;
            }
            EndWaitingScript.Result result = checks.endWaiting(old);
            if (result.outcome() != EndWaitingScript.Outcome.ENDED) {
                continue;
            }
            // the one writer of this wait's record: the script answers ENDED once per entry (it closes it), and the
            // job runs on one instance at a time (its lease), so two instances never write it twice
            cases.endedWaiting(old.tier().name(), old.enqueuedAt(), result.firstClaimedAt(), Outcome.ENDED_WAITING)
                    .ifPresent(caseId -> events.publish(LiveEvents.SUPERVISORS, "case-closed", Map.of("case", caseId)));
            WaitingEnded.Told told = waitingEnded.tell(old.conversation());
            audit.record("liveness", "ended-waiting:" + told.name().toLowerCase(Locale.ROOT),
                    old.conversation());
            ended.add(new Ended(old.conversation(), old.tier(), told));
            long waited = (clock.millis() - old.enqueuedAt()) / 1000;
            events.publish(LiveEvents.SUPERVISORS, "liveness", alert(LivenessAlert.Kind.ENDED_WAITING,
                    old.conversation(), old.tier().name(), null, waited, config.abandonAfter().toSeconds()));
        }
        if (!ended.isEmpty() || !returned.isEmpty()) {
            events.publish("*", "queue", Map.of("depth", queue.depth()));
        }
        return new Run(silent, overdue, ended, lapsed, escalated, returned);
    }

    private static LivenessAlert alert(LivenessAlert.Kind kind, String conversation, String tier, String counsellor,
                                       long seconds, long limit) {
        return new LivenessAlert(kind, conversation, tier, counsellor, seconds, limit);
    }
}
