package org.helpline.gateway.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the service's own defences ({@code helpline.security.*}; environment {@code HELPLINE_SECURITY_*}).
 *
 * @param trustedProxies  addresses (or CIDR ranges, e.g. {@code 10.0.0.0/8}) of the reverse proxies in front of the
 *                        service ({@code HELPLINE_SECURITY_TRUSTED_PROXIES=10.0.0.5,10.0.1.0/24}). Only a request
 *                        whose connection comes from one of them is believed about {@code X-Forwarded-For} (the log-in
 *                        budget per address) and {@code X-Forwarded-Proto} (the Secure cookie); anyone else's headers
 *                        are ignored
 * @param summaryInterval how often refused webhooks, rate-limited messages and throttled log-ins are summed up in one
 *                        log line (instead of a line each)
 */
@ConfigurationProperties("helpline.security")
public record SecurityConfiguration(@Nullable List<String> trustedProxies,
                                    @Bindable(defaultValue = "1m") Duration summaryInterval) {
}
