package org.helpline.gateway.queue;

import io.micronaut.core.annotation.Nullable;
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

    /**
     * What the script did, and for an ended entry when a counsellor first took it (ms; {@code null} when nobody ever
     * did).
     */
    public record Result(Outcome outcome, @Nullable Long firstClaimedAt) {
    }

    private final LuaScript script;

    public EndWaitingScript(UnifiedJedis redis) {
        this.script = new LuaScript(redis, "queue_end_waiting");
    }

    public Result run(String conversation, long enqueuedAt, String caseJson) {
        List<?> r = (List<?>) script.run(List.of(LiveQueue.waitingKey(), LiveQueue.entryKey(conversation),
                        LiveQueue.casesKey(), LiveQueue.erasuresKey()),
                List.of(conversation, Long.toString(enqueuedAt), LiveQueue.WAITING_LANGUAGE_PREFIX, caseJson));
        String first = (String) r.get(1);
        return new Result(Outcome.valueOf(((String) r.get(0)).toUpperCase(Locale.ROOT)),
                first.isEmpty() ? null : Long.parseLong(first));
    }
}
