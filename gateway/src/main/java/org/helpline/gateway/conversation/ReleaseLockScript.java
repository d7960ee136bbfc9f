package org.helpline.gateway.conversation;

import java.util.List;
import org.helpline.gateway.redis.LuaScript;
import redis.clients.jedis.UnifiedJedis;

/**
 * Typed wrapper of {@code lua/release_lock.lua}: lets a conversation's lock go, only while {@code token} still holds
 * it (a message whose lease ran out must never free the lock another message has taken since). For paths that end
 * without a commit; a commit releases the lock itself.
 */
final class ReleaseLockScript {
    private final LuaScript script;

    ReleaseLockScript(UnifiedJedis redis) {
        this.script = new LuaScript(redis, "release_lock");
    }

    /** True when the lock was this token's and is now free. */
    boolean run(String id, String token) {
        Object released = script.run(List.of(ConversationStore.lockKey(id)), List.of(token));
        return released instanceof Long n && n == 1L;
    }
}
