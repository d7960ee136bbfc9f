package org.helpline.gateway.metrics;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Size;
import java.time.Duration;

/**
 * The metrics endpoint's settings ({@code helpline.metrics.*}; environment {@code HELPLINE_METRICS_*}).
 *
 * @param token          {@code HELPLINE_METRICS_TOKEN}: a Prometheus scraper that sends
 *                       {@code Authorization: Bearer <token>} may read {@code /metrics}; unset, only a signed-in
 *                       ADMIN or SUPERVISOR may. At least 32 characters, so that it cannot be guessed
 * @param sampleInterval {@code HELPLINE_METRICS_SAMPLE_INTERVAL}: how often the queue, counsellor, campaign and Redis
 *                       gauges are read from Redis; a scrape reads the last sample and never calls Redis itself
 */
@ConfigurationProperties("helpline.metrics")
public record MetricsConfiguration(@Nullable @Size(min = 32) String token,
                                   @Bindable(defaultValue = "15s") Duration sampleInterval) {
}
