package org.helpline.gateway.queue;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Live queue settings ({@code helpline.queue.*}).
 *
 * @param highAging how much earlier a HIGH conversation is served than a LOW one that arrived at the same time; a LOW
 *                  conversation waiting longer than this overtakes newer HIGH ones (no starvation). IMMINENT is never
 *                  overtaken.
 */
@ConfigurationProperties("helpline.queue")
public record QueueConfiguration(@Bindable(defaultValue = "20m") Duration highAging) {
}
