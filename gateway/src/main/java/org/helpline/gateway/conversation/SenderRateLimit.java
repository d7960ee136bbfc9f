package org.helpline.gateway.conversation;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.helpline.gateway.redis.LuaScript;
import redis.clients.jedis.UnifiedJedis;

/**
 * Per-sender token bucket ({@code lua/rate_limit.lua}): by default a burst of 20 messages, then one every 2 seconds.
 *
 * <p>Keys: {@code conv:{<id>}:rate} HASH tokens, at, told.
 */
@Singleton
public class SenderRateLimit {
    /** Settings ({@code helpline.rate-limit.*}). */
    @ConfigurationProperties("helpline.rate-limit")
    public record Settings(@Bindable(defaultValue = "20") int burst,
                           @Bindable(defaultValue = "0.5") double perSecond) {
    }

    /** Whether the message may run, and whether to tell the sender to slow down (once per flood). */
    public record Verdict(boolean allowed, boolean tellSender) {
    }

    private final LuaScript script;
    private final Settings settings;
    private final Clock clock;

    public SenderRateLimit(UnifiedJedis redis, Settings settings, Clock clock) {
        this.script = new LuaScript(redis, "rate_limit");
        this.settings = settings;
        this.clock = clock;
    }

    public Verdict take(String conversationId) {
        List<?> r = (List<?>) script.run(List.of(ConversationStore.prefix(conversationId) + "rate"),
                List.of(Integer.toString(settings.burst()), Double.toString(settings.perSecond()),
                        Long.toString(clock.millis())));
        return new Verdict(((Long) r.get(0)) == 1L, ((Long) r.get(1)) == 1L);
    }
}
