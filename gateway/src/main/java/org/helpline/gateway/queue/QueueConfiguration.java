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
 * @param lease     how long a claimed conversation stays with a counsellor without a heartbeat from their console
 * @param scanLimit how many waiting conversations "Help next" looks through for one the counsellor is eligible for
 * @param transferExclusion how long a counsellor who transferred a conversation back to the queue is passed over for
 *                  it; never while no other counsellor could take it (a one-counsellor shift takes it again)
 */
@ConfigurationProperties("helpline.queue")
public record QueueConfiguration(@Bindable(defaultValue = "20m") Duration highAging,
                                 @Bindable(defaultValue = "30s") Duration lease,
                                 @Bindable(defaultValue = "2000") int scanLimit,
                                 @Bindable(defaultValue = "10m") Duration transferExclusion) {
}
