package org.helpline.gateway.conversation;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.helpline.dialogue.Session;
import org.helpline.gateway.channel.OutboundMessage;
import org.helpline.gateway.channel.Purpose;
import org.helpline.gateway.channel.SendGuard;
import org.helpline.gateway.channel.SendRefusal;
import org.helpline.gateway.config.SafeContactConfiguration;
import org.helpline.gateway.privacy.Pseudonymiser;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * The send point's rules, read from the conversation as the engine left it (one pipeline: the contact's
 * {@code optedOut} and {@code lastInbound}, the session's {@link Session#NOT_SAFE_FIELD}):
 * <ul>
 *   <li>opted out (STOP, in any shipped language, until START): nothing goes;</li>
 *   <li>not safe to text back: nothing goes, except a counsellor's reply within the configured window after the
 *   young person's own last message ({@link SafeContactConfiguration}).</li>
 * </ul>
 * A number we have no conversation for (a campaign's imported contact) passes: campaigns check their own list.
 */
@Singleton
public class ContactSendGuard implements SendGuard {
    private final UnifiedJedis redis;
    private final Pseudonymiser pseudonymiser;
    private final SafeContactConfiguration config;
    private final Clock clock;

    public ContactSendGuard(UnifiedJedis redis, Pseudonymiser pseudonymiser, SafeContactConfiguration config,
                            Clock clock) {
        this.redis = redis;
        this.pseudonymiser = pseudonymiser;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Optional<SendRefusal> check(OutboundMessage message) {
        String id = pseudonymiser.pseudonym(message.to().raw());
        Response<List<String>> contact;
        Response<String> notSafe;
        try (AbstractPipeline p = redis.pipelined()) {
            contact = p.hmget(ConversationStore.contactKey(id), "optedOut", "lastInbound");
            notSafe = p.hget(ConversationStore.sessionKey(id), Session.NOT_SAFE_FIELD);
            p.sync();
        }
        if (Boolean.parseBoolean(contact.get().get(0))) {
            return Optional.of(SendRefusal.OPTED_OUT);
        }
        if (Boolean.parseBoolean(notSafe.get()) && !answersThem(message, contact.get().get(1))) {
            return Optional.of(SendRefusal.NOT_SAFE_TO_TEXT);
        }
        return Optional.empty();
    }

    /** A counsellor's reply while the young person is writing (within the window after their last message). */
    private boolean answersThem(OutboundMessage message, String lastInbound) {
        if (message.purpose() != Purpose.COUNSELLOR_REPLY || lastInbound == null || config.replyWindow().isZero()) {
            return false;
        }
        return !Instant.parse(lastInbound).plus(config.replyWindow()).isBefore(clock.instant());
    }
}
