package org.helpline.gateway.twilio;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Delivery status callbacks, deduplicated on {@code MessageSid + MessageStatus} (Twilio retries them too).
 *
 * <p>Keys: {@code status:{<MessageSid>}:seen:<status>} STRING (7 days), {@code status:{<MessageSid>}} HASH: status,
 * errorCode, updatedAt (30 days).
 */
@Singleton
public final class DeliveryStatuses {
    private final UnifiedJedis redis;
    private final Clock clock;

    public DeliveryStatuses(UnifiedJedis redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    public static String statusKey(String messageSid) {
        return "status:{" + messageSid + "}";
    }

    /** Records a status once; returns false for a repeat. */
    public boolean record(String messageSid, String status, String errorCode) {
        String seen = statusKey(messageSid) + ":seen:" + status;
        if (redis.set(seen, "1", SetParams.setParams().nx().ex(7 * 24 * 3600)) == null) {
            return false;
        }
        String key = statusKey(messageSid);
        redis.hset(key, Map.of("status", status, "errorCode", errorCode == null ? "" : errorCode,
                "updatedAt", clock.instant().toString()));
        redis.expire(key, 30 * 24 * 3600);
        return true;
    }

    public Map<String, String> status(String messageSid) {
        return redis.hgetAll(statusKey(messageSid));
    }
}
