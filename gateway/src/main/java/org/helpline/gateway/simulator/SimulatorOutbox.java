package org.helpline.gateway.simulator;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.helpline.gateway.channel.Channel;
import org.helpline.gateway.channel.MessageSender;
import org.helpline.gateway.channel.OutboundMessage;
import org.helpline.gateway.channel.SendResult;
import org.helpline.gateway.privacy.MessageCipher;
import org.helpline.gateway.privacy.Pseudonymiser;
import redis.clients.jedis.UnifiedJedis;

/**
 * The simulator's "phone": messages sent asynchronously to a simulator address (a counsellor's reply, a campaign)
 * land here, encrypted, and the simulator page polls for them.
 *
 * <p>Keys: {@code sim:{<conversation>}:outbox} LIST of encrypted texts (1 day).
 */
@Singleton
@Requires(property = "helpline.simulator.enabled", value = "true")
public final class SimulatorOutbox implements MessageSender {
    private final UnifiedJedis redis;
    private final Pseudonymiser pseudonymiser;
    private final MessageCipher cipher;

    public SimulatorOutbox(UnifiedJedis redis, Pseudonymiser pseudonymiser, MessageCipher cipher, Clock clock) {
        this.redis = redis;
        this.pseudonymiser = pseudonymiser;
        this.cipher = cipher;
    }

    static String outboxKey(String conversationId) {
        return "sim:{" + conversationId + "}:outbox";
    }

    @Override
    public boolean handles(Channel channel) {
        return channel == Channel.SIMULATOR;
    }

    @Override
    public SendResult send(OutboundMessage m) {
        String id = pseudonymiser.pseudonym(m.to().raw());
        String text = m.body() != null ? m.body() : "[template " + m.contentSid() + "]";
        redis.rpush(outboxKey(id), cipher.encrypt(text, id));
        redis.expire(outboxKey(id), 24 * 3600);
        return SendResult.ok("SIM" + UUID.randomUUID().toString().replace("-", ""));
    }

    /** The outbox is the simulator's whole "provider": a message is there or it was never sent. */
    @Override
    public Lookup lookup(OutboundMessage m, Instant since) {
        String id = pseudonymiser.pseudonym(m.to().raw());
        String text = m.body() != null ? m.body() : "[template " + m.contentSid() + "]";
        return since(id, 0).contains(text) ? new Lookup(Found.YES, null) : new Lookup(Found.NO, null);
    }

    /** Messages from index {@code after} on. */
    public List<String> since(String conversationId, int after) {
        return redis.lrange(outboxKey(conversationId), after, -1).stream()
                .map(s -> cipher.decrypt(s, conversationId)).toList();
    }

}
