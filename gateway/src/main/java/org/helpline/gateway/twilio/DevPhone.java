package org.helpline.gateway.twilio;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import org.helpline.gateway.privacy.MessageCipher;
import org.helpline.gateway.privacy.Pseudonymiser;
import redis.clients.jedis.UnifiedJedis;

/**
 * What the development stand-in "delivered": per SMS or WhatsApp address, the messages it accepted, encrypted like
 * every other text at rest, for the simulator page to show as that number's phone. Kept one day, as the simulator's
 * own outbox.
 *
 * <p>Keys: {@code devphone:{<pseudonym of the address>}:inbox} LIST of encrypted {@code sid TAB instant TAB body}.
 */
@Singleton
@Requires(bean = DevTwilio.class)
public final class DevPhone {
    /** One message as the stand-in holds it. */
    public record Delivered(String sid, Instant at, String body) {
    }

    private final UnifiedJedis redis;
    private final Pseudonymiser pseudonymiser;
    private final MessageCipher cipher;

    public DevPhone(UnifiedJedis redis, Pseudonymiser pseudonymiser, MessageCipher cipher) {
        this.redis = redis;
        this.pseudonymiser = pseudonymiser;
        this.cipher = cipher;
    }

    private static String key(String id) {
        return "devphone:{" + id + "}:inbox";
    }

    /** @param address as Twilio writes it: {@code +44…} or {@code whatsapp:+44…} */
    public void deliver(String address, String sid, Instant at, String body) {
        String id = pseudonymiser.pseudonym(address);
        redis.rpush(key(id), cipher.encrypt(sid + "\t" + at + "\t" + body, id));
        redis.expire(key(id), 24 * 3600);
    }

    /** Messages to {@code address} from index {@code after} on. */
    public List<Delivered> since(String address, int after) {
        String id = pseudonymiser.pseudonym(address);
        return redis.lrange(key(id), Math.max(0, after), -1).stream().map(s -> {
            String[] f = cipher.decrypt(s, id).split("\t", 3);
            return new Delivered(f[0], Instant.parse(f[1]), f[2]);
        }).toList();
    }
}
