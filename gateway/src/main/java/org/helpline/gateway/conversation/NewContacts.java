package org.helpline.gateway.conversation;

import org.helpline.gateway.channel.InboundMessage;

/** The contact as a message leaves it, before its events ({@link StepHandlers} folds those in). */
final class NewContacts {
    private NewContacts() {
    }

    /** A first message: the raw address only encrypted (it is needed to reply later), nothing else about them. */
    static Contact of(ConversationStore store, String id, InboundMessage m, String language, String at) {
        return new Contact(store.sealAddress(id, m.from().raw()), m.from().channel().name(),
                Contact.region(null, m), language, false, null, at, at);
    }

    /** Any message: its channel, region, the session's language and the time it came in. */
    static Contact after(ConversationStore store, String id, Contact c, InboundMessage m, String language,
                         String at) {
        if (c == null) {
            return of(store, id, m, language, at);
        }
        return new Contact(c.sealedAddress(), m.from().channel().name(), Contact.region(c, m), language,
                c.optedOut(), c.consentedAt(), c.firstSeen(), at);
    }
}
