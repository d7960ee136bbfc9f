package org.helpline.gateway.campaign;

import jakarta.inject.Singleton;
import java.util.Set;
import redis.clients.jedis.UnifiedJedis;

/**
 * Delivery statuses of campaign messages (Twilio's status callbacks, already verified and deduplicated on
 * MessageSid + status) counted per campaign: {@code status:sent}, {@code status:delivered}, {@code status:undelivered},
 * {@code status:failed} and {@code error:<code>}. Error 21610 (the recipient replied STOP to the carrier) takes the
 * contact off the list.
 */
@Singleton
public class CampaignStatuses {
    private static final Set<String> COUNTED = Set.of("sent", "delivered", "undelivered", "failed", "read");
    private final UnifiedJedis redis;
    private final Subscribers subscribers;

    public CampaignStatuses(UnifiedJedis redis, Subscribers subscribers) {
        this.redis = redis;
        this.subscribers = subscribers;
    }

    /** Counts one (first-seen) status of a campaign message. Unknown campaigns are ignored. */
    public boolean record(String campaign, String recipient, String status, String errorCode) {
        if (!campaign.matches("[a-z0-9]{1,40}") || !redis.exists(CampaignKeys.campaign(campaign))) {
            return false;
        }
        if (COUNTED.contains(status)) {
            redis.hincrBy(CampaignKeys.counts(campaign), "status:" + status, 1);
        }
        if (errorCode != null && errorCode.matches("[0-9]{1,6}")) {
            redis.hincrBy(CampaignKeys.counts(campaign), "error:" + errorCode, 1);
            if ("21610".equals(errorCode) && recipient != null && recipient.matches("[0-9a-f]{16,128}")
                    && subscribers.optOut(recipient, "carrier:21610")) {
                redis.hincrBy(CampaignKeys.counts(campaign), "opted_out", 1);
            }
        }
        return true;
    }
}
