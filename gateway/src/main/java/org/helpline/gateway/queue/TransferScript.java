package org.helpline.gateway.queue;

import java.util.List;
import java.util.Locale;
import org.helpline.gateway.redis.LuaScript;
import redis.clients.jedis.UnifiedJedis;

/** Typed wrapper of {@code lua/queue_transfer.lua}. */
public final class TransferScript {
    /** What a transfer did. */
    public enum Outcome { QUEUED, TRANSFERRED, NOT_HOLDER, TO_SELF, TARGET_UNAVAILABLE, TARGET_FULL,
        /** A return of a silent conversation found that the holder replied (or took it again) since: kept. */
        REPLIED,
        /** A supervisor's reassignment to a colleague who does not speak the conversation's language. */
        TARGET_LANGUAGE }

    private final LuaScript script;

    public TransferScript(UnifiedJedis redis) {
        this.script = new LuaScript(redis, "queue_transfer");
    }

    /**
     * {@code to} is a colleague's name, or {@code null} for back to the queue; then {@code from} is passed over for
     * it for {@code exclusionMillis} (unless nobody else can take it).
     */
    public Outcome run(String conversation, String from, String to, long nowMillis, long leaseMillis,
                       long exclusionMillis) {
        return run(conversation, from, to, nowMillis, leaseMillis, exclusionMillis, null);
    }

    /**
     * The same, guarded: with {@code silentSinceMillis} set (the liveness job's return of a silent conversation) it
     * only happens when the holder has neither replied nor taken the conversation since then ({@code REPLIED}).
     */
    public Outcome run(String conversation, String from, String to, long nowMillis, long leaseMillis,
                       long exclusionMillis, Long silentSinceMillis) {
        return run(conversation, from, to, nowMillis, leaseMillis, exclusionMillis, silentSinceMillis, false);
    }

    /**
     * A supervisor's reassignment ("push") of a conversation {@code holder} holds to the colleague {@code to}, who
     * must speak its language ({@code TARGET_LANGUAGE}); {@code NOT_HOLDER} when it is no longer {@code holder}'s.
     */
    public Outcome reassign(String conversation, String holder, String to, long nowMillis, long leaseMillis) {
        return run(conversation, holder, to, nowMillis, leaseMillis, 0, null, true);
    }

    private Outcome run(String conversation, String from, String to, long nowMillis, long leaseMillis,
                        long exclusionMillis, Long silentSinceMillis, boolean needLanguage) {
        String target = to == null ? from : to; // keys must be valid even when unused
        Object r = script.run(
                List.of(LiveQueue.waitingKey(), LiveQueue.leasesKey(), LiveQueue.entryKey(conversation),
                        LiveQueue.heldKey(from), LiveQueue.counsellorKey(target), LiveQueue.heldKey(target)),
                List.of(conversation, from, to == null ? "" : to, Long.toString(nowMillis),
                        Long.toString(leaseMillis), LiveQueue.WAITING_LANGUAGE_PREFIX,
                        Long.toString(exclusionMillis), silentSinceMillis == null ? "" : silentSinceMillis.toString(),
                        needLanguage ? "1" : ""));
        return Outcome.valueOf(((String) r).toUpperCase(Locale.ROOT));
    }
}
