package org.helpline.gateway.console;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * The console log-in's budgets ({@code helpline.console.login.*}; environment {@code HELPLINE_CONSOLE_LOGIN_*}).
 *
 * @param maxPerUser     password checks a username gets per window (a right password clears them)
 * @param maxPerAddress  password checks a client address gets per window (a right password gives one back), so one
 *                       address cannot try a password against many usernames
 * @param window         how long attempts are remembered
 * @param hashThreads    password hashes (PBKDF2, ~0.2 s of a core each) computed at once on this instance; 0 means
 *                       half the cores, at least one. The rest wait, so a burst of log-ins cannot take every core from
 *                       the webhooks
 * @param hashWait       how long a log-in waits for a hashing slot before it is refused as busy
 */
@ConfigurationProperties("helpline.console.login")
public record LoginConfiguration(@Bindable(defaultValue = "5") @Min(1) int maxPerUser,
                                 @Bindable(defaultValue = "30") @Min(1) int maxPerAddress,
                                 @Bindable(defaultValue = "15m") Duration window,
                                 @Bindable(defaultValue = "0") @Min(0) int hashThreads,
                                 @Bindable(defaultValue = "10s") Duration hashWait) {
    public int effectiveHashThreads() {
        return hashThreads > 0 ? hashThreads : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }
}
