package org.helpline.gateway.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.redis.LuaScript;
import redis.clients.jedis.UnifiedJedis;

/** Typed wrapper of {@code lua/conversation_commit.lua}: one message's changes, atomically, and the lock released. */
final class CommitScript {
    private final LuaScript script;

    CommitScript(UnifiedJedis redis) {
        this.script = new LuaScript(redis, "conversation_commit");
    }

    void run(String id, Map<String, String> session, Map<String, String> contact, List<String> transcriptLines,
             String messageId, String repliesJson, long retentionSeconds, long replyCacheSeconds, String lockToken) {
        List<String> args = new ArrayList<>();
        args.add(Long.toString(retentionSeconds));
        args.add(Long.toString(replyCacheSeconds));
        args.add(messageId == null ? "" : repliesJson);
        args.add(Integer.toString(session.size()));
        args.add(Integer.toString(contact.size()));
        args.add(lockToken == null ? "" : lockToken);
        session.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        contact.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        args.addAll(transcriptLines);
        script.run(List.of(ConversationStore.sessionKey(id), ConversationStore.contactKey(id),
                ConversationStore.transcriptKey(id),
                ConversationStore.repliesKey(id, messageId == null ? "-" : messageId),
                ConversationStore.lockKey(id)), args);
    }
}
