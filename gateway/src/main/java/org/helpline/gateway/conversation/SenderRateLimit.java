package org.helpline.gateway.conversation;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The per-sender token bucket's settings: by default a burst of 20 messages, then one every 2 seconds. The bucket
 * itself is read in the message's first round trip ({@link BeginReads.TokenBucket}), or taken from this instance's
 * copy of the conversation ({@link ConversationCache}: the commit checks nothing wrote it since), and written with its
 * commit, so it costs nothing extra.
 *
 * <p>Keys: {@code conv:{<id>}:bucket} STRING {@code "<tokens> <at ms> <told 0/1>"}, expiring once the bucket would
 * be full again.
 */
public final class SenderRateLimit {
    private SenderRateLimit() {
    }

    /** Settings ({@code helpline.rate-limit.*}). */
    @ConfigurationProperties("helpline.rate-limit")
    public record Settings(@Bindable(defaultValue = "20") int burst,
                           @Bindable(defaultValue = "0.5") double perSecond) {
    }
}
