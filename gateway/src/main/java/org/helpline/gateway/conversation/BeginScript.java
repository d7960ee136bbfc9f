package org.helpline.gateway.conversation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.redis.LuaScript;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Typed wrapper of {@code lua/conversation_begin.lua}, sent in one pipeline with one more read (the conversation's
 * live-queue state, which lives in another hash slot): the first of an ordinary message's two round trips.
 */
final class BeginScript {
    /** What the first round trip found. */
    record Begun(String outcome, String cachedReplies, boolean allowed, boolean tell, Map<String, String> contact,
                 Map<String, String> session, String queueState) {
        boolean cached() {
            return "cached".equals(outcome);
        }

        boolean busy() {
            return "busy".equals(outcome);
        }
    }

    private final LuaScript script;

    BeginScript(UnifiedJedis redis) {
        this.script = new LuaScript(redis, "conversation_begin");
    }

    Begun run(String id, String messageId, String token, long leaseMillis, int burst, double perSecond, long now,
              String queueEntryKey) {
        List<Response<String>> queueState = new java.util.ArrayList<>(1);
        List<?> r = (List<?>) script.runPipelined(List.of(ConversationStore.lockKey(id),
                        ConversationStore.repliesKey(id, messageId), ConversationStore.contactKey(id),
                        ConversationStore.sessionKey(id), ConversationStore.bucketKey(id)),
                List.of(token, Long.toString(leaseMillis), Integer.toString(burst), Double.toString(perSecond),
                        Long.toString(now)),
                p -> {
                    queueState.clear();
                    queueState.add(p.hget(queueEntryKey, "state"));
                });
        String outcome = (String) r.get(0);
        if (!"ok".equals(outcome)) {
            return new Begun(outcome, "cached".equals(outcome) ? (String) r.get(1) : null, false, false, Map.of(),
                    Map.of(), null);
        }
        int contactItems = ((Long) r.get(3)).intValue();
        Map<String, String> contact = new LinkedHashMap<>();
        Map<String, String> session = new LinkedHashMap<>();
        for (int i = 4; i + 1 < r.size(); i += 2) {
            (i < 4 + contactItems ? contact : session).put((String) r.get(i), (String) r.get(i + 1));
        }
        return new Begun(outcome, null, ((Long) r.get(1)) == 1L, ((Long) r.get(2)) == 1L, contact, session,
                queueState.get(0).get());
    }
}
