package org.helpline.gateway.conversation;

import jakarta.inject.Singleton;
import org.helpline.dialogue.event.ConsentGiven;
import org.helpline.dialogue.event.LanguageChanged;

/** Events that change only the contact, committed with the message. */
final class ContactHandlers {
    private ContactHandlers() {
    }

    /** {@code ConsentGiven}: when the privacy notice was accepted. */
    @Singleton
    static final class Consent implements EventHandler<ConsentGiven> {
        @Override
        public Class<ConsentGiven> event() {
            return ConsentGiven.class;
        }

        @Override
        public boolean needsLock() {
            return false;
        }

        @Override
        public Contact contact(ConsentGiven e, Contact c, Turn t) {
            return c.withConsentedAt(t.lines.at());
        }
    }

    /** {@code LanguageChanged}: the language we write to them in, from now on. */
    @Singleton
    static final class Language implements EventHandler<LanguageChanged> {
        @Override
        public Class<LanguageChanged> event() {
            return LanguageChanged.class;
        }

        @Override
        public boolean needsLock() {
            return false;
        }

        @Override
        public Contact contact(LanguageChanged e, Contact c, Turn t) {
            return c.withLanguage(e.language());
        }
    }
}
