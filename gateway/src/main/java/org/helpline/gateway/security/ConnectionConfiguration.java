package org.helpline.gateway.security;

import com.sun.management.UnixOperatingSystemMXBean;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Limits on HTTP connections ({@code helpline.connections.*}; environment {@code HELPLINE_CONNECTIONS_*}). Idle
 * connections are closed by Micronaut's {@code micronaut.server.idle-timeout}; these add what it lacks.
 *
 * @param max            connections open at once on this instance; one more is closed as soon as it is accepted.
 *                       0: half the process's file-descriptor limit, at most 10,000 (idle sockets once exhausted the
 *                       descriptors, and then webhooks and {@code /health} failed with "Too many open files")
 * @param requestTimeout a request must arrive whole (head and body) within this time of its first byte; a client
 *                       trickling a header a byte at a time (which keeps a connection from ever being idle) is closed
 */
@ConfigurationProperties("helpline.connections")
public record ConnectionConfiguration(@Bindable(defaultValue = "0") @Min(0) int max,
                                      @Bindable(defaultValue = "10s") Duration requestTimeout) {
    public int effectiveMax() {
        if (max > 0) {
            return max;
        }
        long fds = 0;
        if (ManagementFactory.getOperatingSystemMXBean()
                instanceof UnixOperatingSystemMXBean unix) {
            fds = unix.getMaxFileDescriptorCount();
        }
        return fds <= 0 ? 4096 : (int) Math.max(64, Math.min(10_000, fds / 2));
    }
}
