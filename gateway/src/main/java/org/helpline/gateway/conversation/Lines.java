package org.helpline.gateway.conversation;

import java.util.ArrayList;
import java.util.List;
import org.helpline.gateway.channel.InboundMessage;
import org.helpline.nlp.Classification;

/** The transcript lines of one message, all at the message's time, encrypted as every line is. */
final class Lines {
    private final ConversationStore store;
    private final String id;
    private final String at;

    Lines(ConversationStore store, String id, String at) {
        this.store = store;
        this.id = id;
        this.at = at;
    }

    String at() {
        return at;
    }

    /** The young person's message with its tier and reasons; attachments are named, never opened. */
    TranscriptEntry in(InboundMessage m, Classification c, String note) {
        return store.entry(id, at, "in", m.messageId(), c.risk().tier().name(), shown(m) + note,
                c.risk().reasons());
    }

    static String shown(InboundMessage m) {
        return m.mediaCount() > 0 ? m.text() + " [" + m.mediaCount() + " attachment(s) not opened]" : m.text();
    }

    TranscriptEntry system(String messageId, String text) {
        return store.entry(id, at, "system", messageId, null, text, List.of());
    }

    List<TranscriptEntry> bots(List<String> replies) {
        List<TranscriptEntry> out = new ArrayList<>(replies.size());
        for (String reply : replies) {
            out.add(store.entry(id, at, "bot", null, null, reply, List.of()));
        }
        return out;
    }
}
