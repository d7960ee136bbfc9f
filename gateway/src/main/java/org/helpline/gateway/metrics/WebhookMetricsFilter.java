package org.helpline.gateway.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Times every Twilio webhook from the filter chain's start to its answer, by which webhook and how it ended. The
 * webhook tag is one of two fixed words (never the path, which carries a query string), the outcome a word for the
 * status class: answered (2xx), refused (403: signature), rejected (other 4xx), unavailable (503: Redis down or the
 * conversation busy; Twilio retries) and error (other 5xx).
 */
@ServerFilter("/twilio/**")
public class WebhookMetricsFilter {
    private static final String STARTED = WebhookMetricsFilter.class.getName() + ".started";
    /** Histogram buckets (Prometheus {@code le}): Twilio gives up at 15 s. */
    static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(15)};
    private final MeterRegistry registry;
    /** By webhook and outcome: at most 3 × 5 timers, so a request looks its timer up instead of building it. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public WebhookMetricsFilter(MeterRegistry registry) {
        this.registry = registry;
    }

    @RequestFilter
    public void start(HttpRequest<?> request) {
        request.setAttribute(STARTED, System.nanoTime());
    }

    @ResponseFilter
    public void end(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Long started = request.getAttribute(STARTED, Long.class).orElse(null);
        if (started == null) {
            return;
        }
        String webhook = webhook(request.getPath());
        String outcome = outcome(response.code());
        timers.computeIfAbsent(webhook + " " + outcome, k -> Timer.builder(MetricNames.WEBHOOK_REQUESTS)
                        .description("Twilio webhooks answered, by webhook and outcome")
                        .tag("webhook", webhook)
                        .tag("outcome", outcome)
                        .serviceLevelObjectives(BUCKETS)
                        .register(registry))
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    static String webhook(String path) {
        return switch (path) {
            case "/twilio/messages" -> "messages";
            case "/twilio/status" -> "status";
            default -> "other";
        };
    }

    static String outcome(int status) {
        if (status < 400) {
            return "answered";
        }
        if (status == 403) {
            return "refused";
        }
        if (status < 500) {
            return "rejected";
        }
        return status == 503 ? "unavailable" : "error";
    }
}
