package org.helpline.gateway.conversation;

import jakarta.inject.Singleton;
import org.helpline.dialogue.event.ListJoined;
import org.helpline.dialogue.event.OptedIn;
import org.helpline.dialogue.event.OptedOut;
import org.helpline.gateway.privacy.Pseudonymiser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** JOIN, STOP and START: the contact, the safety-message list and (STOP) the live queue. */
final class ListHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(ListHandlers.class);

    private ListHandlers() {
    }

    /** JOIN puts the contact on the safety-message list: their own message is the consent. */
    @Singleton
    static final class Joined implements EventHandler<ListJoined> {
        private final SafetyList list;

        Joined(SafetyList list) {
            this.list = list;
        }

        @Override
        public Class<ListJoined> event() {
            return ListJoined.class;
        }

        @Override
        public boolean needsLock() {
            return true;
        }

        @Override
        public void handle(ListJoined joined, Turn t) {
            boolean byFlow = joined.how().equals("flow");
            list.joined(t.message.from(), t.contact.language(), byFlow ? SafetyList.JoinedBy.FLOW
                    : SafetyList.JoinedBy.KEYWORD, joined.how(), t.attempt.now(), "message " + t.message.messageId());
            LOG.info("conversation {}: joined the safety-message list", Pseudonymiser.forLogs(t.id));
        }
    }

    /** STOP: opted out everywhere at once; a waiting conversation leaves the queue, a held one's counsellor is told. */
    @Singleton
    static final class Out implements EventHandler<OptedOut> {
        private final SafetyList list;
        private final OptOuts optOuts;

        Out(SafetyList list, OptOuts optOuts) {
            this.list = list;
            this.optOuts = optOuts;
        }

        @Override
        public Class<OptedOut> event() {
            return OptedOut.class;
        }

        @Override
        public boolean needsLock() {
            return true;
        }

        @Override
        public Contact contact(OptedOut e, Contact c, Turn t) {
            return c.withOptedOut(true);
        }

        @Override
        public void handle(OptedOut out, Turn t) {
            list.optedOut(t.id);
            optOuts.apply(t.id, out, t.message.messageId()).ifPresent(t.entries::add);
        }
    }

    /** START after STOP: back on the list only if they had joined it before. */
    @Singleton
    static final class In implements EventHandler<OptedIn> {
        private final SafetyList list;

        In(SafetyList list) {
            this.list = list;
        }

        @Override
        public Class<OptedIn> event() {
            return OptedIn.class;
        }

        @Override
        public boolean needsLock() {
            return true;
        }

        @Override
        public Contact contact(OptedIn e, Contact c, Turn t) {
            return c.withOptedOut(false);
        }

        @Override
        public void handle(OptedIn in, Turn t) {
            list.optedBackIn(t.id);
        }
    }
}
