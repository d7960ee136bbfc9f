package org.helpline.gateway.conversation;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.gateway.queue.QueueState;
import org.helpline.nlp.RiskTier;
import redis.clients.jedis.UnifiedJedis;

/**
 * Whether a broadcast may reach a contact now, as their conversation decides: never while they wait for or talk with a
 * counsellor, nor within the crisis window after a HIGH or IMMINENT message. The crisis mark
 * ({@code conv:{<id>}:crisis}, expiring on its own) is written and read only here.
 */
@Singleton
public class BroadcastPause {
    /** Why a broadcast must not reach this contact now. */
    public enum Reason { WITH_COUNSELLOR, RECENT_CRISIS }

    private final UnifiedJedis redis;
    private final LiveQueue queue;
    private final long crisisSeconds;

    public BroadcastPause(UnifiedJedis redis, LiveQueue queue,
                          @Value("${helpline.campaigns.crisis-window:72h}") Duration crisisWindow) {
        this.redis = redis;
        this.queue = queue;
        this.crisisSeconds = crisisWindow.toSeconds();
    }

    static String crisisKey(String id) {
        return ConversationStore.prefix(id) + "crisis";
    }

    /** A message was assessed HIGH or above: no broadcast for the crisis window from now. */
    void crisis(String id, RiskTier tier) {
        redis.setex(crisisKey(id), crisisSeconds, tier.name());
    }

    public Optional<Reason> reason(String id) {
        if (queue.entry(id).filter(e -> !e.is(QueueState.CLOSED)).isPresent()) {
            return Optional.of(Reason.WITH_COUNSELLOR);
        }
        return redis.exists(crisisKey(id)) ? Optional.of(Reason.RECENT_CRISIS) : Optional.empty();
    }
}
