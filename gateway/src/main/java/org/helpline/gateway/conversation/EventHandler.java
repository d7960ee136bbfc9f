package org.helpline.gateway.conversation;

import org.helpline.dialogue.event.Event;

/**
 * What the gateway does with one kind of the engine's events (as mailroom's handlers do): a change to the contact,
 * and any write beyond the conversation's own commit. {@link StepHandlers} runs every handler whose event the step
 * emitted: first all contact changes, then the writes, in {@link #order()}.
 */
interface EventHandler<E extends Event> {
    Class<E> event();

    /**
     * The handler writes beyond the conversation's commit (the queue, the list, another key): never on an
     * optimistic attempt, which may be refused and run again.
     */
    boolean needsLock();

    /** Lower first; escalations run before anything else. */
    default int order() {
        return 0;
    }

    default Contact contact(E event, Contact contact, Turn turn) {
        return contact;
    }

    default void handle(E event, Turn turn) {
    }
}
