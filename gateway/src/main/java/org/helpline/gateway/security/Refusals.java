package org.helpline.gateway.security;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what the service refuses (forged or unsigned webhooks, messages over a sender's rate limit, throttled
 * log-ins) and writes one WARN line per interval with the counts, instead of a line each: a line each let anyone
 * who can reach the webhook write 5,219 lines in 20 s. Reasons are fixed texts of ours (never a number, a body or a
 * username). The totals since start are readable ({@link #totals()}) for {@code /health}'s operator details.
 */
@Singleton
public class Refusals {
    private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);
    private final Map<String, LongAdder> sinceSummary = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> totals = new ConcurrentHashMap<>();

    /** One refusal of {@code kind} (e.g. "inbound webhook refused") for {@code reason} (a fixed text of ours). */
    public void count(String kind, String reason) {
        String key = kind + ": " + reason;
        sinceSummary.computeIfAbsent(key, k -> new LongAdder()).increment();
        totals.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    /** Writes the summary of the interval just ended, if anything was refused in it. */
    @Scheduled(fixedDelay = "${helpline.security.summary-interval:1m}",
            initialDelay = "${helpline.security.summary-interval:1m}")
    public void summarise() {
        Map<String, Long> counts = new TreeMap<>();
        for (Map.Entry<String, LongAdder> e : sinceSummary.entrySet()) {
            long n = e.getValue().sumThenReset();
            if (n > 0) {
                counts.put(e.getKey(), n);
            }
        }
        if (!counts.isEmpty()) {
            LOG.warn("Refused since the last summary: {}", counts);
        }
    }

    /** Refusals since start, by kind. */
    public Map<String, Long> totals() {
        Map<String, Long> out = new TreeMap<>();
        totals.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
