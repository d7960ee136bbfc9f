package org.helpline.gateway.conversation;

import java.util.ArrayList;
import java.util.List;
import org.helpline.dialogue.Step;
import org.helpline.gateway.channel.InboundMessage;
import org.helpline.gateway.queue.QueueEntry;

/**
 * One message's run through its flow, as the event handlers see it: what the engine decided ({@code step}), the
 * counsellor who holds the conversation ({@code held}, or {@code null}), and what the commit will write — the
 * contact, the transcript lines after the message's own, and the replies. Built and used by one thread, for one
 * attempt.
 */
final class Turn {
    final String id;
    final InboundMessage message;
    final Step step;
    final Attempt attempt;
    final QueueEntry held;
    final Lines lines;
    final List<TranscriptEntry> entries = new ArrayList<>();
    final List<String> replies;
    Contact contact;

    Turn(String id, InboundMessage message, Step step, Attempt attempt, QueueEntry held, Lines lines,
         List<String> replies, Contact contact) {
        this.id = id;
        this.message = message;
        this.step = step;
        this.attempt = attempt;
        this.held = held;
        this.lines = lines;
        this.replies = new ArrayList<>(replies);
        this.contact = contact;
    }
}
