package org.helpline.gateway.conversation;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helpline.dialogue.CarrierKeywords;
import org.helpline.dialogue.event.OptedOut;
import org.helpline.gateway.cases.CaseRecords;
import org.helpline.gateway.cases.Outcome;
import org.helpline.gateway.live.LiveEvents;
import org.helpline.gateway.privacy.Pseudonymiser;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.gateway.queue.QueueEntry;
import org.helpline.gateway.queue.QueueState;
import org.helpline.gateway.queue.WithdrawWaitingScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link OptedOut} to the live queue: a waiting conversation leaves the queue (supervisors are told, with its
 * tier); a held one stays with its counsellor, who is told at once, and sees why in the transcript, that nothing can
 * be sent until the young person texts START (the send point, {@link ContactSendGuard}, refuses it). A wait that
 * ends so is a report record ({@link Outcome#OPTED_OUT_WAITING}): every contact is counted, answered or not.
 */
@Singleton
public class OptOuts {
    private static final Logger LOG = LoggerFactory.getLogger(OptOuts.class);
    private final LiveQueue queue;
    private final ConversationStore store;
    private final LiveEvents events;
    private final Clock clock;
    private final CaseRecords cases;

    public OptOuts(LiveQueue queue, ConversationStore store, LiveEvents events, Clock clock, CaseRecords cases) {
        this.cases = cases;
        this.queue = queue;
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /** Returns the transcript line the counsellor sees (committed with the message), or empty when not in the queue. */
    public Optional<TranscriptEntry> apply(String id, OptedOut event, String messageId) {
        QueueEntry e = queue.entry(id).orElse(null);
        if (e == null || e.is(QueueState.CLOSED)) {
            return Optional.empty();
        }
        String reason = "The young person texted " + event.keyword() + " (opt-out"
                + (CarrierKeywords.carrierBlocks(event.keyword()) ? "; Twilio blocks the number too" : "")
                + "). Nothing can be sent to them until they text START.";
        if (e.is(QueueState.CLAIMED)) {
            events.publish(e.counsellor(), "opted-out", Map.of("conversation", id, "reason", reason));
            LOG.info("conversation {}: opted out while held; counsellor told", Pseudonymiser.forLogs(id));
        } else {
            WithdrawWaitingScript.Result left = queue.withdrawOptedOut(id);
            if (left.outcome() == WithdrawWaitingScript.Outcome.REMOVED) {
                // the one writer of this wait's record: only the call whose script removed the entry gets here
                Optional<String> caseId = cases.endedWaiting(left.tierName(),
                        left.enqueuedAt() == null ? clock.millis() : left.enqueuedAt(), left.firstClaimedAt(),
                        Outcome.OPTED_OUT_WAITING);
                events.publish("*", "opted-out", Map.of("conversation", id, "reason", reason,
                        "tier", left.tierName()));
                events.publish("*", "queue", Map.of("depth", queue.depth()));
                caseId.ifPresent(c -> events.publish(LiveEvents.SUPERVISORS, "case-closed", Map.of("case", c)));
                LOG.info("conversation {}: opted out while waiting ({}); left the queue", Pseudonymiser.forLogs(id),
                        left.tierName());
            }
        }
        return Optional.of(store.entry(id, clock.instant().toString(), "system", messageId, null, reason,
                List.of()));
    }
}
