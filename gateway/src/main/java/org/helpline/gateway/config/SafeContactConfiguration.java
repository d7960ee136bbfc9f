package org.helpline.gateway.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Safe-contact mode ({@code helpline.safe-contact.*}): for a young person who said it is not safe for us to text
 * them, nothing unprompted is ever sent. A counsellor's reply is held until they write again, unless they wrote
 * within {@code replyWindow} (then it is an answer to what they just wrote and goes at once). {@code PT0S} (the
 * default): every reply waits for their next message.
 */
@ConfigurationProperties("helpline.safe-contact")
public record SafeContactConfiguration(@Bindable(defaultValue = "PT0S") Duration replyWindow) {
}
