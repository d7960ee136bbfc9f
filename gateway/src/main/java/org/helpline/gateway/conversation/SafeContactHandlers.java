package org.helpline.gateway.conversation;

import jakarta.inject.Singleton;
import java.util.Map;
import org.helpline.dialogue.event.QuietExit;
import org.helpline.dialogue.event.SafeContactChanged;
import org.helpline.gateway.live.LiveEvents;
import org.helpline.gateway.privacy.Pseudonymiser;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.gateway.queue.RemoveScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The young person's safety on their own phone: "not safe to text back", and the quiet exit. */
final class SafeContactHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(SafeContactHandlers.class);

    private SafeContactHandlers() {
    }

    /** {@code SafeContactChanged}: the holding counsellor is told at once; the transcript says so for anyone. */
    @Singleton
    static final class Changed implements EventHandler<SafeContactChanged> {
        private final LiveEvents events;

        Changed(LiveEvents events) {
            this.events = events;
        }

        @Override
        public Class<SafeContactChanged> event() {
            return SafeContactChanged.class;
        }

        @Override
        public boolean needsLock() {
            return true;
        }

        @Override
        public void handle(SafeContactChanged sc, Turn t) {
            String text = sc.safeToText()
                    ? "The young person said it is safe to text them again."
                    : "NOT SAFE TO TEXT BACK: the young person said it is not safe for us to text them. Nothing is "
                    + "sent to them unprompted; your replies are held until they write again.";
            if (t.held != null) {
                events.publish(t.held.counsellor(), "safe-contact", Map.of("conversation", t.id, "text", text));
            }
            LOG.info("conversation {}: safe to text {}", Pseudonymiser.forLogs(t.id),
                    sc.safeToText() ? "again" : "no more");
            t.entries.add(t.lines.system(t.message.messageId(), text));
        }
    }

    /**
     * {@code QuietExit}: no reply went out. A LOW waiting conversation leaves the queue; one still in line (HIGH or
     * above) or held stays, and its counsellor and the supervisors are told; "gtg delete" asks for erasure, which
     * waits for a person exactly as DELETE does ({@link Erasures}; erase-now cases end the turn before this).
     */
    @Singleton
    static final class Quiet implements EventHandler<QuietExit> {
        private final LiveEvents events;
        private final LiveQueue queue;
        private final Erasures erasures;

        Quiet(LiveEvents events, LiveQueue queue, Erasures erasures) {
            this.events = events;
            this.queue = queue;
            this.erasures = erasures;
        }

        @Override
        public Class<QuietExit> event() {
            return QuietExit.class;
        }

        @Override
        public boolean needsLock() {
            return true;
        }

        @Override
        public void handle(QuietExit q, Turn t) {
            String text = "The young person left quietly (quick exit): it may not be safe for them now. Nothing is "
                    + "sent to them until they write again.";
            if (t.held != null) {
                events.publish(t.held.counsellor(), "safe-contact", Map.of("conversation", t.id, "text", text));
            } else if (!q.stillInLine()) {
                if (queue.withdrawIfWaiting(t.id) == RemoveScript.Outcome.REMOVED) {
                    events.publish("*", "queue", Map.of("depth", queue.depth()));
                }
            } else {
                events.publish("*", "safe-contact", Map.of("conversation", t.id, "text", text));
            }
            if (q.erase()) {
                erasures.holdForPerson(t.id, t.message.messageId());
            }
            LOG.info("conversation {}: quiet exit", Pseudonymiser.forLogs(t.id));
            t.entries.add(t.lines.system(t.message.messageId(), text));
        }
    }
}
