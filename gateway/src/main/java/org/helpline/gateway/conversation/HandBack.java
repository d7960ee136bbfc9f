package org.helpline.gateway.conversation;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.helpline.dialogue.Engine;
import org.helpline.dialogue.Input;
import org.helpline.dialogue.Session;
import org.helpline.dialogue.Step;
import org.helpline.nlp.Classification;

/**
 * A counsellor closed the case: the bot takes the conversation back at the menu. Written under the conversation's
 * lock and version like any message ({@link CommitProtocol}), so a message arriving at the same moment is never
 * overwritten nor answered from a stale copy.
 */
@Singleton
public class HandBack {
    /** What the young person is told: the closing message and the menu, in their language. */
    public record Released(Contact contact, List<String> messages) {
        @Override
        public String toString() {
            return "Released[" + messages.size() + " message(s), content redacted]";
        }
    }

    private final CommitProtocol protocol;
    private final Engine engine;
    private final ConversationStore store;

    HandBack(CommitProtocol protocol, Engine engine, ConversationStore store) {
        this.protocol = protocol;
        this.engine = engine;
        this.store = store;
    }

    /**
     * The counsellor's close: the closing message and the menu, committed and returned to be sent. Empty when nothing
     * is left to resume (erased or expired).
     */
    public Optional<Released> release(String id) {
        return release(id, (session, step) -> {
            List<String> messages = new ArrayList<>();
            messages.add(engine.flows().catalogue().render(session.language(), "counsellor.closed", Map.of()));
            messages.addAll(step.replies());
            return messages;
        });
    }

    /**
     * Takes the conversation back at the menu with {@code lines} as the transcript's record of what the young person
     * was sent (already sent, or held back, by the caller: no send happens under the lock).
     */
    public Optional<Released> release(String id, List<String> lines) {
        return release(id, (session, step) -> lines);
    }

    private Optional<Released> release(String id, BiFunction<Session, Step, List<String>> said) {
        // a message id of its own: nothing is remembered for retries, and no retry's answer can match it
        CommitProtocol.Begin begin = protocol.lock(id, "hand-back:" + UUID.randomUUID());
        if (!(begin instanceof CommitProtocol.Locked locked)) {
            return Optional.empty();
        }
        Attempt a = locked.attempt();
        try {
            Contact contact = a.contact();
            if (contact == null || a.storedSession().isEmpty()) {
                return Optional.empty();
            }
            Session session = Session.fromMap(a.storedSession());
            Step step = engine.release(session, new Input("", 0, a.now(), Classification.empty(session.language()),
                    Map.of()));
            List<String> messages = said.apply(session, step);
            Lines lines = new Lines(store, id, a.at());
            protocol.commit(new ConversationStore.Commit(id, step.session(), contact, lines.bots(messages), null,
                    List.of()), a, false);
            return Optional.of(new Released(contact, messages));
        } finally {
            protocol.release(a);
        }
    }
}
