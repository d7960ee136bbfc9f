package org.helpline.gateway.conversation;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.helpline.gateway.privacy.MessageCipher;
import org.helpline.gateway.privacy.PrivacyConfiguration;
import redis.clients.jedis.UnifiedJedis;

/**
 * A counsellor's replies to a young person for whom it is not safe to be texted: held, and sent as the answer to
 * their next message (in the webhook's reply, never on our own initiative). The only writer of its key.
 *
 * <p>Key: {@code conv:{<id>}:held-replies} LIST of encrypted texts, oldest first; expires with the retention period
 * and is erased with the conversation.
 */
@Singleton
public class HeldReplies {
    private final UnifiedJedis redis;
    private final MessageCipher cipher;
    private final long retentionSeconds;

    public HeldReplies(UnifiedJedis redis, MessageCipher cipher, PrivacyConfiguration privacy) {
        this.redis = redis;
        this.cipher = cipher;
        this.retentionSeconds = privacy.retention().toSeconds();
    }

    static String key(String id) {
        return ConversationStore.prefix(id) + "held-replies";
    }

    public void hold(String id, String text) {
        redis.rpush(key(id), cipher.encrypt(text, id + ":held"));
        redis.expire(key(id), retentionSeconds);
    }

    /** Every held reply, oldest first, now taken (empty when none: one round trip). */
    public List<String> takeAll(String id) {
        List<String> sealed = redis.lpop(key(id), 100);
        List<String> out = new ArrayList<>();
        if (sealed != null) {
            for (String s : sealed) {
                out.add(cipher.decrypt(s, id + ":held"));
            }
        }
        return out;
    }
}
