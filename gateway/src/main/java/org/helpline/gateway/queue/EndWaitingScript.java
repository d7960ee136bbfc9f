package org.helpline.gateway.queue;

import java.util.List;
import java.util.Locale;
import org.helpline.gateway.redis.LuaScript;
import redis.clients.jedis.UnifiedJedis;

/** Typed wrapper of {@code lua/queue_end_waiting.lua}. */
public final class EndWaitingScript {
    /** What ending a silent waiting conversation did. */
    public enum Outcome {
        /** Out of the line; a case with the disposition {@code ended_waiting} was kept. */
        ENDED,
        /** Not the entry the job looked at any more (a counsellor took it, or it was ended or renewed): untouched. */
        NOT_WAITING,
        /** The young person asked for erasure: the entry waits for a person to see it. */
        ERASURE_PENDING
    }

    private final LuaScript script;

    public EndWaitingScript(UnifiedJedis redis) {
        this.script = new LuaScript(redis, "queue_end_waiting");
    }

    public Outcome run(String conversation, long enqueuedAt, String caseJson) {
        Object r = script.run(List.of(LiveQueue.waitingKey(), LiveQueue.entryKey(conversation), LiveQueue.casesKey(),
                        LiveQueue.erasuresKey()),
                List.of(conversation, Long.toString(enqueuedAt), LiveQueue.WAITING_LANGUAGE_PREFIX, caseJson));
        return Outcome.valueOf(((String) r).toUpperCase(Locale.ROOT));
    }
}
