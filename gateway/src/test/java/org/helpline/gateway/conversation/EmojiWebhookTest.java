package org.helpline.gateway.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.helpline.gateway.privacy.Pseudonymiser;
import org.helpline.gateway.queue.LiveQueue;
import org.helpline.gateway.queue.QueueEntry;
import org.helpline.gateway.support.SignedTexter;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.helpline.nlp.RiskTier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Emoji and short replies through signed webhooks (issue 20, point 4): a broken heart with a knife reaches the live
 * queue, even before consent; crying emoji are never answered with the privacy notice again and again; a thumbs-up is
 * a yes.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmojiWebhookTest implements TestPropertyProvider {
    static final String TOKEN = TestProperties.TOKEN;
    static final String PUBLIC = TestProperties.PUBLIC;
    static final String NOTICE = "Reply YES to continue";

    @Inject
    EmbeddedServer server;
    @Inject
    Pseudonymiser pseudonymiser;
    @Inject
    LiveQueue queue;

    int number = 0;

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of("emoji", "twilio.auth-token", TOKEN, "helpline.public-url", PUBLIC,
                "helpline.campaigns.enabled", "false");
    }

    @BeforeEach
    void clean() {
        TestRedis.flush();
    }

    private SignedTexter texter() {
        return new SignedTexter(server.getURL().toString(), TOKEN, PUBLIC, String.format("+4477009%05d", ++number));
    }

    @Test
    void aBrokenHeartAndAKnifeReachTheQueueBeforeConsent() {
        SignedTexter t = texter();
        t.says("hi");
        String answer = t.says("💔🔪");
        assertFalse(answer.contains(NOTICE), answer);
        QueueEntry entry = queue.entry(pseudonymiser.pseudonym(t.from)).orElseThrow();
        assertTrue(RiskTier.valueOf(entry.tierName()).atLeast(RiskTier.HIGH), entry.tierName());
    }

    @Test
    void cryingEmojiGetAWayToAPersonNeverTheSameReplyTwice() {
        SignedTexter t = texter();
        assertTrue(t.says("hi").contains(NOTICE));
        String first = t.says("😭😭😭");
        String second = t.says("😭😭😭");
        assertFalse(first.contains(NOTICE), first);
        assertTrue(first.contains("COUNSELLOR"), first);
        assertNotEquals(first, second);
        assertFalse(second.contains(NOTICE), second);
    }

    @Test
    void aThumbsUpIsAYesAndTheWelcomeIsNotSentAgain() {
        SignedTexter t = texter();
        t.says("hi");
        String answer = t.says("👍🏽");
        assertTrue(answer.contains("How old are you?"), answer);
        String next = t.says("yes");
        assertFalse(next.contains(NOTICE), next);
        assertEquals(-1, next.indexOf("Thanks. You can text STOP"), next);
    }
}
