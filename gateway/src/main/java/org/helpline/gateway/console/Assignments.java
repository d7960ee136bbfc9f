package org.helpline.gateway.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helpline.gateway.conversation.CounsellorJoined;
import org.helpline.gateway.privacy.MessageCipher;
import org.helpline.gateway.queue.AssignScript;
import org.helpline.gateway.queue.Counsellors;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.gateway.queue.QueueConfiguration;
import org.helpline.gateway.queue.QueueEntry;
import org.helpline.gateway.queue.QueueState;
import org.helpline.gateway.queue.TransferScript;
import redis.clients.jedis.UnifiedJedis;
import org.helpline.gateway.audit.AuditLog;

/**
 * Who can take a conversation, and handing it over: the colleagues available with room (for the transfer picker and
 * the supervisor's assignment, never a typed username), a supervisor's assignment of a waiting conversation and
 * reassignment of a held one, the handover note the receiving counsellor reads first, and the error words for each refusal.
 *
 * <p>Queue entry fields it owns ({@code queue:{queue}:entry:<id>}): {@code handover} (the note, encrypted with the
 * conversation's key: it may quote the young person), {@code handoverFrom}, {@code handoverAt} (ms). A new entry
 * (after a close) starts without them.
 */
@Singleton
public class Assignments {
    /** Someone who could take a conversation now. */
    @Serdeable
    public record Colleague(String username, int load, int capacity, List<String> languages, boolean speaksLanguage) {
    }

    /**
     * What a supervisor's reassignment did: {@code outcome} {@code TRANSFERRED} when it moved from {@code from};
     * {@code null} when there is no such conversation; {@code refusal} the reason in words otherwise.
     */
    public record Reassignment(@Nullable TransferScript.Outcome outcome, @Nullable String from,
                               @Nullable String refusal) {
        public boolean moved() {
            return outcome == TransferScript.Outcome.TRANSFERRED;
        }
    }

    /** The note that came with a conversation. */
    @Serdeable
    public record Handover(String from, String at, String note) {
        @Override
        public String toString() {
            return "Handover[" + from + ", " + at + ", note redacted]";
        }
    }

    private final UnifiedJedis redis;
    private final Counsellors counsellors;
    private final LiveQueue queue;
    private final QueueConfiguration config;
    private final MessageCipher cipher;
    private final AuditLog audit;
    private final CounsellorJoined joined;
    private final Clock clock;
    private final AssignScript assign;
    private final CounsellorDesk desk;

    public Assignments(UnifiedJedis redis, Counsellors counsellors, LiveQueue queue, QueueConfiguration config,
                       MessageCipher cipher, AuditLog audit, CounsellorJoined joined, Clock clock,
                       CounsellorDesk desk) {
        this.desk = desk;
        this.redis = redis;
        this.counsellors = counsellors;
        this.queue = queue;
        this.config = config;
        this.cipher = cipher;
        this.audit = audit;
        this.joined = joined;
        this.clock = clock;
        this.assign = new AssignScript(redis);
    }

    /** Available counsellors with room, except {@code except}; those who speak {@code language} first. */
    public List<Colleague> available(@Nullable String except, @Nullable String language) {
        List<Colleague> out = new ArrayList<>();
        for (Counsellors.Status s : counsellors.all()) {
            if (s.name().equals(except) || !"available".equals(s.presence()) || s.load() >= s.capacity()) {
                continue;
            }
            boolean speaks = language == null || s.languages().contains(language) || s.languages().contains("*");
            out.add(new Colleague(s.name(), s.load(), s.capacity(), s.languages(), speaks));
        }
        out.sort((a, b) -> a.speaksLanguage() != b.speaksLanguage() ? (a.speaksLanguage() ? -1 : 1)
                : a.load() != b.load() ? Integer.compare(a.load(), b.load()) : a.username().compareTo(b.username()));
        return out;
    }

    /** A supervisor gives a waiting conversation to a counsellor; the young person is told a counsellor joined. */
    public AssignScript.Outcome assign(String conversation, String supervisor, String to, @Nullable String note) {
        AssignScript.Outcome o = assign.run(conversation, to, clock.millis(), config.lease().toMillis(), 20);
        if (o == AssignScript.Outcome.ASSIGNED) {
            audit.record(supervisor, "assign:" + to, conversation);
            noteHandover(conversation, supervisor, note);
            joined.tell(conversation);
        }
        return o;
    }

    /**
     * A supervisor moves a held conversation from its counsellor to {@code to} (available, with room, speaking its
     * language: checked with the move, in one script). The holder's lease goes with it; the young person is told they
     * are passed to another counsellor (never when it is not safe to text them).
     */
    public Reassignment reassign(String conversation, String supervisor, String to, @Nullable String note) {
        Optional<QueueEntry> entry = queue.entry(conversation);
        if (entry.isEmpty()) {
            return new Reassignment(null, null, "There is no conversation " + conversation + " in the queue or with "
                    + "a counsellor.");
        }
        QueueEntry e = entry.get();
        if (!e.is(QueueState.CLAIMED) || e.counsellor() == null) {
            return new Reassignment(TransferScript.Outcome.NOT_HOLDER, null, e.is(QueueState.WAITING)
                    ? "This conversation is waiting, not with a counsellor: assign it instead."
                    : "This conversation is not with a counsellor any more: it ended.");
        }
        String from = e.counsellor();
        if (from.equals(to)) {
            return new Reassignment(TransferScript.Outcome.TO_SELF, from, to + " already holds this conversation: "
                    + "choose another counsellor.");
        }
        TransferScript.Outcome o = queue.reassign(conversation, from, to);
        if (o != TransferScript.Outcome.TRANSFERRED) {
            return new Reassignment(o, from, switch (o) {
                case NOT_HOLDER -> "This conversation changed hands while you were choosing (closed, transferred or "
                        + "back in the queue): look at it again.";
                case TARGET_UNAVAILABLE -> to + " is not available right now (away, offline or not a counsellor): "
                        + "choose someone from the list.";
                case TARGET_FULL -> full(to);
                case TARGET_LANGUAGE -> to + " does not speak this conversation's language (" + e.language()
                        + "): choose someone who does.";
                default -> "The conversation could not be reassigned.";
            });
        }
        audit.record(supervisor, "reassign:" + from + "->" + to, conversation);
        noteHandover(conversation, supervisor, note);
        desk.tellTransferred(conversation, o);
        return new Reassignment(o, from, null);
    }

    /** Keeps the note for whoever takes the conversation next (a blank note leaves none). */
    public void noteHandover(String conversation, String from, @Nullable String note) {
        if (note == null || note.isBlank()) {
            redis.hdel(LiveQueue.entryKey(conversation), "handover", "handoverFrom", "handoverAt");
            return;
        }
        String trimmed = note.strip();
        if (trimmed.length() > 2000) {
            trimmed = trimmed.substring(0, 2000);
        }
        redis.hset(LiveQueue.entryKey(conversation), Map.of("handover", cipher.encrypt(trimmed, conversation),
                "handoverFrom", from, "handoverAt", Long.toString(clock.millis())));
    }

    public Optional<Handover> handover(String conversation) {
        List<String> f = redis.hmget(LiveQueue.entryKey(conversation), "handover", "handoverFrom", "handoverAt");
        if (f.get(0) == null) {
            return Optional.empty();
        }
        return Optional.of(new Handover(f.get(1), Instant.ofEpochMilli(Long.parseLong(f.get(2))).toString(),
                cipher.decrypt(f.get(0), conversation)));
    }

    /** A refused transfer in words. */
    public String refusal(TransferScript.Outcome o, String to) {
        return switch (o) {
            case NOT_HOLDER -> "You no longer hold this conversation.";
            case TO_SELF -> "You already hold this conversation: choose a colleague, or transfer it back to the queue.";
            case TARGET_UNAVAILABLE -> to + " is not available right now (away, offline or not a counsellor): "
                    + "choose a colleague from the list.";
            case TARGET_FULL -> full(to);
            default -> "The conversation could not be transferred.";
        };
    }

    /** A refused assignment in words. */
    public String refusal(AssignScript.Outcome o, String to) {
        return switch (o) {
            case NOT_WAITING -> "This conversation is not waiting any more: a counsellor took it, or it ended.";
            case NO_SUCH_COUNSELLOR -> to + " is not a counsellor.";
            case TARGET_UNAVAILABLE -> to + " is not available right now (away or offline): choose someone from the "
                    + "list.";
            case TARGET_FULL -> full(to);
            default -> "The conversation could not be assigned.";
        };
    }

    private String full(String to) {
        Counsellors.Status s = counsellors.status(to);
        return to + " already holds " + s.load() + " of " + s.capacity() + " conversations: choose someone with room.";
    }
}
