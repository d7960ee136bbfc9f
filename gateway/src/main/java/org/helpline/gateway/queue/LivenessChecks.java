package org.helpline.gateway.queue;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helpline.nlp.RiskTier;
import redis.clients.jedis.UnifiedJedis;

/**
 * What the liveness job finds in the live queue, each finding reported once: held conversations whose counsellor
 * has gone silent, waiting HIGH/IMMINENT conversations past their tier's target wait, waiting conversations old
 * enough to be ended if their young person is silent too, and counsellors whose desk stopped beating. The clock is
 * the injected one.
 *
 * <p>Queue entry fields it owns ({@code queue:{queue}:entry:<id>}, see {@link LiveQueue}): {@code lastReplyAt} (ms,
 * the holder's last reply, written by {@link #noteReply}), {@code silenceAlertedAt} and {@code silenceEscalatedAt}
 * (ms, when the silence's desk step and supervisor step happened: each once per silence, a reply starts a new one),
 * {@code overdueAlertedAt} (ms, the target wait alerted,
 * once per entry), {@code endedWaiting} ({@code queue_end_waiting.lua}). Counsellor field
 * ({@code queue:{queue}:counsellor:<name>}): {@code lastSeen} (ms, written by {@code queue_renew.lua}).
 */
@Singleton
public class LivenessChecks {
    /** How many waiting conversations one run looks through (the most urgent first). */
    static final int LOOK_AT = 2000;

    /** The steps of a held conversation's silence, in order. */
    public enum SilenceStep {
        /** The holder's desk is alerted. */
        COUNSELLOR,
        /** The supervisors are alerted (and the on-call webhook called). */
        SUPERVISOR,
        /** The conversation goes back to the queue at its original place. */
        RETURN
    }

    /**
     * A held conversation whose counsellor has not replied for {@code silentFor} (since {@code since}, ms), at
     * {@code step}.
     */
    public record Silent(String conversation, String counsellor, RiskTier tier, Duration silentFor, SilenceStep step,
                         long since) {
    }

    /** A waiting conversation past its tier's target wait. */
    public record Overdue(String conversation, RiskTier tier, Duration waited, Duration target) {
    }

    /** A waiting conversation that has waited at least the abandonment time (its young person may still be writing). */
    public record OldWaiting(String conversation, RiskTier tier, long enqueuedAt) {
    }

    /** A counsellor set offline: none of their desks beat for {@code unseenFor}. */
    public record Lapsed(String counsellor, String was, Duration unseenFor) {
    }

    private final UnifiedJedis redis;
    private final LiveQueue queue;
    private final LivenessConfiguration config;
    private final JsonMapper json;
    private final Clock clock;
    private final EndWaitingScript endWaiting;

    public LivenessChecks(UnifiedJedis redis, LiveQueue queue, LivenessConfiguration config, JsonMapper json,
                          Clock clock) {
        this.redis = redis;
        this.queue = queue;
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.endWaiting = new EndWaitingScript(redis);
    }

    public LivenessConfiguration config() {
        return config;
    }

    /** The holder replied (sent, or held for a young person it is not safe to text): a new silence starts now. */
    public void noteReply(String conversation) {
        redis.hset(LiveQueue.entryKey(conversation), "lastReplyAt", Long.toString(clock.millis()));
    }

    /** Since when the holder owes a reply: the later of their claim and their last reply (ms); null if not held. */
    static Long replyDueSince(String claimedAt, String lastReplyAt) {
        if (claimedAt == null) {
            return null;
        }
        long since = Long.parseLong(claimedAt);
        return lastReplyAt == null ? since : Math.max(since, Long.parseLong(lastReplyAt));
    }

    /** Since when each conversation's holder owes a reply (ms), in the order of {@code ids}; null when not held. */
    public List<Long> replyDueSince(List<String> ids) {
        List<Long> out = new ArrayList<>(ids.size());
        for (List<String> f : queue.entryFields(ids, "state", "claimedAt", "lastReplyAt")) {
            out.add("claimed".equals(f.get(0)) ? replyDueSince(f.get(1), f.get(2)) : null);
        }
        return out;
    }

    /**
     * Held conversations whose silence reached its next step, each step once per silence: the desk's alert
     * ({@code silenceAlertedAt}) after {@link LivenessConfiguration#counsellorSilence()}, the supervisors' alert
     * ({@code silenceEscalatedAt}) {@link LivenessConfiguration#supervisorAfter()} after the desk's, and the return to
     * the queue {@link LivenessConfiguration#returnAfter()} after the supervisors'. The alert steps are marked here;
     * the return is not (it is {@link #returnSilent}, which takes the conversation out of the held ones).
     */
    public List<Silent> newlySilent() {
        long now = clock.millis();
        List<String> ids = redis.zrange(LiveQueue.leasesKey(), 0, -1);
        List<List<String>> fields = queue.entryFields(ids, "state", "counsellor", "tierName", "claimedAt",
                "lastReplyAt", "silenceAlertedAt", "silenceEscalatedAt");
        List<Silent> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            List<String> f = fields.get(i);
            Long since = "claimed".equals(f.get(0)) ? replyDueSince(f.get(3), f.get(4)) : null;
            if (since == null) {
                continue;
            }
            // a mark at or before this silence's start belongs to an earlier silence (a reply, or a new holder, since):
            // a reply in the same millisecond as the desk's alert answers that alert
            Long alerted = markSince(f.get(5), since);
            Long escalated = alerted == null ? null : markSince(f.get(6), since);
            SilenceStep step;
            if (alerted == null) {
                step = now - since >= config.counsellorSilence().toMillis() ? SilenceStep.COUNSELLOR : null;
            } else if (escalated == null) {
                step = now - alerted >= config.supervisorAfter().toMillis() ? SilenceStep.SUPERVISOR : null;
            } else {
                step = now - escalated >= config.returnAfter().toMillis() ? SilenceStep.RETURN : null;
            }
            if (step == null) {
                continue;
            }
            if (step == SilenceStep.COUNSELLOR) {
                redis.hset(LiveQueue.entryKey(ids.get(i)), "silenceAlertedAt", Long.toString(now));
            } else if (step == SilenceStep.SUPERVISOR) {
                redis.hset(LiveQueue.entryKey(ids.get(i)), "silenceEscalatedAt", Long.toString(now));
            }
            out.add(new Silent(ids.get(i), f.get(1), tier(f.get(2)), Duration.ofMillis(now - since), step, since));
        }
        return out;
    }

    private static Long markSince(String mark, long since) {
        return mark == null || Long.parseLong(mark) <= since ? null : Long.parseLong(mark);
    }

    /**
     * The silence's last step: the conversation goes back to the queue at its original place, the holder's hold
     * ends and they are passed over for it for a while (the counsellor's own transfer back, {@code queue_transfer.lua},
     * guarded so that a reply that lands meanwhile keeps it with them: {@code REPLIED}).
     */
    public TransferScript.Outcome returnSilent(Silent s) {
        return queue.returnSilent(s.conversation(), s.counsellor(), s.since());
    }

    /** Waiting HIGH/IMMINENT conversations past their target wait, newly: marked (once per entry). */
    public List<Overdue> newlyOverdue() {
        long now = clock.millis();
        List<Overdue> out = new ArrayList<>();
        List<String> ids = redis.zrange(LiveQueue.waitingKey(), 0, LOOK_AT - 1);
        List<List<String>> fields = queue.entryFields(ids, "tierName", "enqueuedAt", "overdueAlertedAt", "state");
        for (int i = 0; i < ids.size(); i++) {
            List<String> f = fields.get(i);
            if (f.get(0) == null || f.get(1) == null || f.get(2) != null || !"waiting".equals(f.get(3))) {
                continue;
            }
            RiskTier tier = tier(f.get(0));
            Optional<Duration> target = config.targetWait(tier);
            long waited = now - Long.parseLong(f.get(1));
            if (target.isPresent() && waited >= target.get().toMillis()
                    && redis.hsetnx(LiveQueue.entryKey(ids.get(i)), "overdueAlertedAt", Long.toString(now)) == 1) {
                out.add(new Overdue(ids.get(i), tier, Duration.ofMillis(waited), target.get()));
            }
        }
        return out;
    }

    /** True when a waiting conversation of this tier has waited past its target (for the supervisor's view). */
    public boolean overdue(RiskTier tier, long enqueuedAt) {
        return config.targetWait(tier).map(t -> clock.millis() - enqueuedAt >= t.toMillis()).orElse(false);
    }

    /** Waiting conversations enqueued at least {@link LivenessConfiguration#abandonAfter()} ago. */
    public List<OldWaiting> oldWaiting() {
        long cutoff = clock.millis() - config.abandonAfter().toMillis();
        List<String> ids = redis.zrange(LiveQueue.waitingKey(), 0, LOOK_AT - 1);
        List<List<String>> fields = queue.entryFields(ids, "tierName", "enqueuedAt", "state");
        List<OldWaiting> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            List<String> f = fields.get(i);
            if (f.get(1) != null && "waiting".equals(f.get(2)) && Long.parseLong(f.get(1)) <= cutoff) {
                out.add(new OldWaiting(ids.get(i), tier(f.get(0)), Long.parseLong(f.get(1))));
            }
        }
        return out;
    }

    /** Ends a silent waiting conversation, if it is still the entry {@code old} names; a case is kept. */
    public EndWaitingScript.Result endWaiting(OldWaiting old) {
        ClosedCase c = new ClosedCase(old.conversation(), "", "ended_waiting", "", old.tier().name(),
                old.enqueuedAt(), clock.millis());
        try {
            return endWaiting.run(old.conversation(), old.enqueuedAt(), json.writeValueAsString(c));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sets offline every counsellor (available or away) none of whose desks has beaten for
     * {@link LivenessConfiguration#presenceLapse()}. A counsellor who never opened a desk (no {@code lastSeen}) is
     * left as they are.
     */
    public List<Lapsed> lapsePresence() {
        long now = clock.millis();
        List<Lapsed> out = new ArrayList<>();
        for (String name : redis.smembers(LiveQueue.counsellorsKey())) {
            List<String> f = redis.hmget(LiveQueue.counsellorKey(name), "presence", "lastSeen");
            if (f.get(0) == null || "offline".equals(f.get(0)) || f.get(1) == null) {
                continue;
            }
            long unseen = now - Long.parseLong(f.get(1));
            if (unseen >= config.presenceLapse().toMillis()) {
                redis.hset(LiveQueue.counsellorKey(name), Map.of("presence", "offline",
                        "lapsedAt", Long.toString(now)));
                out.add(new Lapsed(name, f.get(0), Duration.ofMillis(unseen)));
            }
        }
        return out;
    }

    private static RiskTier tier(String name) {
        try {
            return name == null ? RiskTier.LOW : RiskTier.valueOf(name);
        } catch (IllegalArgumentException e) {
            return RiskTier.LOW;
        }
    }
}
