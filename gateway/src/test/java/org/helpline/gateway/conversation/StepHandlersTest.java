package org.helpline.gateway.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.helpline.dialogue.Session;
import org.helpline.dialogue.Step;
import org.helpline.dialogue.event.ConsentGiven;
import org.helpline.dialogue.event.Event;
import org.helpline.dialogue.event.LanguageChanged;
import org.helpline.dialogue.event.ListJoined;
import org.helpline.dialogue.event.OptedIn;
import org.helpline.dialogue.event.OptedOut;
import org.helpline.gateway.channel.Address;
import org.helpline.gateway.channel.InboundMessage;
import org.junit.jupiter.api.Test;

/**
 * The event handlers without a Redis: which steps need the lock, that every contact change is folded in before any
 * handler writes (a JOIN is recorded in the language the same message chose), and that escalations run first.
 */
class StepHandlersTest {
    private static final String ID = "0123456789abcdef";
    private static final String AT = "2026-12-02T08:00:00Z";

    /** The list as the campaign side keeps it, in memory: what the conversation told it, in order. */
    private static final class ListRecord implements SafetyList {
        final List<String> calls = new ArrayList<>();

        @Override
        public void joined(Address address, String language, JoinedBy how, String keyword, Instant at,
                           String evidence) {
            calls.add("joined " + language + " " + how + " " + evidence);
        }

        @Override
        public void optedOut(String conversationId) {
            calls.add("out");
        }

        @Override
        public void optedBackIn(String conversationId) {
            calls.add("in");
        }

        @Override
        public void erased(String conversationId) {
            calls.add("erased");
        }
    }

    /** Records when it ran, for the order; stands for the escalation handler (order -1). */
    private record First(List<String> calls) implements EventHandler<OptedIn> {
        @Override
        public Class<OptedIn> event() {
            return OptedIn.class;
        }

        @Override
        public boolean needsLock() {
            return true;
        }

        @Override
        public int order() {
            return -1;
        }

        @Override
        public void handle(OptedIn e, Turn t) {
            calls.add("first");
        }
    }

    private final ListRecord list = new ListRecord();

    private StepHandlers handlers(EventHandler<?>... extra) {
        List<EventHandler<?>> all = new ArrayList<>(List.of(new ContactHandlers.Consent(),
                new ContactHandlers.Language(), new ListHandlers.Joined(list), new ListHandlers.In(list)));
        all.addAll(List.of(extra));
        return new StepHandlers(all, null, null);
    }

    private static Step step(Event... events) {
        return new Step(Session.fresh("en"), List.of(), List.of(events));
    }

    private Turn turn(Step step) {
        InboundMessage m = new InboundMessage("SM1", Address.parse("+447400123456"), "JOIN", 0, Instant.parse(AT));
        Attempt a = new Attempt(ID, "token", null, null, Instant.parse(AT));
        Contact before = new Contact("sealed", "SMS", "GB", "en", true, null, AT, AT);
        return new Turn(ID, m, step, a, null, new Lines(null, ID, AT), List.of(), before);
    }

    @Test
    void onlyEventsWithWritesOfTheirOwnNeedTheLock() {
        StepHandlers h = handlers();
        assertFalse(h.needLock(step(new LanguageChanged("es"), new ConsentGiven())),
                "contact changes travel with the commit: the one-round-trip attempt may take them");
        assertTrue(h.needLock(step(new ListJoined("JOIN"))), "the list is another store");
        assertTrue(h.needLock(step(new org.helpline.dialogue.event.ErasureRequested())),
                "erasure ends the turn on the locked way");
    }

    @Test
    void contactChangesAreFoldedInBeforeAnyWriteAndEscalationsRunFirst() {
        StepHandlers h = handlers(new First(list.calls));
        Turn t = turn(step(new ListJoined("JOIN"), new LanguageChanged("es"), new ConsentGiven(), new OptedIn()));
        h.run(t);
        assertEquals("es", t.contact.language());
        assertEquals(AT, t.contact.consentedAt());
        assertFalse(t.contact.optedOut(), "START undoes STOP on the contact");
        assertEquals(List.of("first", "joined es KEYWORD message SM1", "in"), list.calls,
                "the order-(-1) handler first although its event came last; the JOIN in the new language");
    }

    @Test
    void stopMarksTheContactAndNeedsTheLock() {
        ListHandlers.Out out = new ListHandlers.Out(list, null);
        Turn t = turn(step(new OptedOut("STOP")));
        t.contact = t.contact.withOptedOut(false);
        assertTrue(out.contact(new OptedOut("STOP"), t.contact, t).optedOut());
        assertTrue(new StepHandlers(List.of(out), null, null).needLock(step(new OptedOut("STOP"))),
                "the queue and the list are written too: never on the optimistic attempt");
    }
}
