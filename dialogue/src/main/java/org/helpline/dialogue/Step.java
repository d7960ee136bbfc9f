package org.helpline.dialogue;

import java.util.List;
import java.util.Optional;
import org.helpline.dialogue.event.Event;

/**
 * What one message produced: the state to store, the replies to send (in order) and the events to act on.
 */
public record Step(Session session, List<String> replies, List<Event> events) {
    public Step {
        replies = List.copyOf(replies);
        events = List.copyOf(events);
    }

    /** The first event of the given type, if any. */
    public <E extends Event> Optional<E> event(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
