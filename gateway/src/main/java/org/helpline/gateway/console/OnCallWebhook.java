package org.helpline.gateway.console;

import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.helpline.gateway.queue.LivenessConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-call webhook ({@code helpline.liveness.oncall-url}, {@code HELPLINE_LIVENESS_ONCALL_URL}): a waiting
 * HIGH/IMMINENT conversation past its target wait, and a silent held conversation at its supervisor step, are POSTed
 * as a small JSON {@link Payload} so that someone on call hears of them when nobody watches the supervisor's room.
 *
 * <p>The payload carries only a random alert id, the pseudonymous conversation id, the tier and durations: never a
 * phone number, a counsellor's name or a word of the young person's (it leaves the service for a system we do not
 * control).
 *
 * <p>Each attempt carries {@value #ALERT_ID} (the same on every attempt of one alert, so the receiver can drop a
 * repeat), {@value #TIMESTAMP} (Unix seconds, new on each attempt) and, with {@code oncall-secret} set,
 * {@value #SIGNATURE} {@code sha256=<hex>}: HMAC-SHA256 of {@code timestamp + "." + body} with the secret, so a
 * receiver can tell the call is ours and refuse one replayed later.
 *
 * <p>An attempt that cannot connect, times out ({@code oncall-timeout}) or is answered 5xx is tried again, up to
 * {@code oncall-attempts} in all, after {@code oncall-backoff}, then four times as long each time; any other answer
 * (4xx, a redirect) would be the same next time and ends the alert. All of it is asynchronous, so a slow or dead
 * endpoint never holds up the liveness job (which must keep its cluster lease); failures are logged with the alert
 * id and kind, never the payload.
 */
@Singleton
public class OnCallWebhook {
    private static final Logger LOG = LoggerFactory.getLogger(OnCallWebhook.class);
    public static final String ALERT_ID = "X-Helpline-Alert-Id";
    public static final String TIMESTAMP = "X-Helpline-Timestamp";
    public static final String SIGNATURE = "X-Helpline-Signature";

    /**
     * What is sent.
     *
     * @param id            the alert's random id, also {@value #ALERT_ID}: the same on every attempt
     * @param kind          {@code WAIT_OVER_TARGET} or {@code SILENCE_ESCALATED} ({@link LivenessAlert.Kind})
     * @param conversation  the pseudonymous conversation id (an HMAC of the number, not the number)
     * @param seconds       how long it has waited (a wait) or had no counsellor reply (a silence)
     * @param limitSeconds  the configured limit it passed
     * @param at            when the alert was raised (not when an attempt was made)
     */
    @Serdeable
    public record Payload(String id, String kind, String conversation, String tier, long seconds, long limitSeconds,
                          String at) {
    }

    /** How one alert ended. */
    public enum Delivery {
        /** answered 2xx. */
        DELIVERED,
        /** answered 4xx or a redirect: not tried again. */
        REFUSED,
        /** every attempt failed (no connection, timeout, 5xx), or the URL is not valid. */
        FAILED,
        /** no URL. */
        NOT_CONFIGURED
    }

    /** How one alert ended, its id and how many attempts were made. */
    public record Result(Delivery delivery, String alertId, int attempts) {
    }

    private record Call(String alertId, String kind, URI uri, byte[] body) {
    }

    private final LivenessConfiguration config;
    private final JsonMapper json;
    private final Clock clock;
    // one daemon thread: calls are rare (a few per incident) and must never compete with the webhooks' threads
    private final ScheduledExecutorService executor = scheduler();
    private final HttpClient client;

    public OnCallWebhook(LivenessConfiguration config, JsonMapper json, Clock clock) {
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(config.oncallTimeout()).executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static ScheduledExecutorService scheduler() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "oncall-webhook");
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true);
        return e;
    }

    /** True when a URL is configured. */
    public boolean configured() {
        return config.oncallUrl() != null && !config.oncallUrl().isBlank();
    }

    /** True when a secret is configured: every attempt is signed. */
    public boolean signed() {
        return config.oncallSecret() != null && !config.oncallSecret().isBlank();
    }

    /**
     * Sends {@code alert}, with its retries, without waiting for any answer; the future says how it ended once the
     * last attempt did (it never fails).
     */
    public CompletableFuture<Result> send(LivenessAlert alert) {
        if (!configured()) {
            return CompletableFuture.completedFuture(new Result(Delivery.NOT_CONFIGURED, null, 0));
        }
        String id = UUID.randomUUID().toString();
        Payload p = new Payload(id, alert.kind().name(), alert.conversation(), alert.tier(), alert.seconds(),
                alert.limitSeconds(), clock.instant().toString());
        Call call;
        try {
            call = new Call(id, p.kind(), URI.create(config.oncallUrl().strip()), json.writeValueAsBytes(p));
            request(call);                               // a URL HttpClient refuses fails here, not on each attempt
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("On-call webhook not called: the URL or payload is not valid ({})", e.getClass().getSimpleName());
            return CompletableFuture.completedFuture(new Result(Delivery.FAILED, id, 0));
        }
        CompletableFuture<Result> result = new CompletableFuture<>();
        attempt(call, 1, result);
        return result;
    }

    private void attempt(Call call, int n, CompletableFuture<Result> result) {
        int attempts = Math.max(1, config.oncallAttempts());
        CompletableFuture<HttpResponse<Void>> sent;
        try {
            sent = client.sendAsync(request(call), HttpResponse.BodyHandlers.discarding());
        } catch (RuntimeException e) {
            giveUp(call, n, failureName(e), result);
            return;
        }
        sent.whenComplete((r, e) -> {
            String failure;
            if (e != null) {
                failure = failureName(e);
            } else if (r.statusCode() / 100 == 2) {
                if (n > 1) {
                    LOG.info("On-call webhook delivered {} alert {} at attempt {}", call.kind(), call.alertId(), n);
                }
                result.complete(new Result(Delivery.DELIVERED, call.alertId(), n));
                return;
            } else if (r.statusCode() / 100 != 5) {
                LOG.warn("On-call webhook answered HTTP {}: {} alert {} refused, not tried again", r.statusCode(),
                        call.kind(), call.alertId());
                result.complete(new Result(Delivery.REFUSED, call.alertId(), n));
                return;
            } else {
                failure = "HTTP " + r.statusCode();
            }
            if (n >= attempts) {
                giveUp(call, n, failure, result);
                return;
            }
            Duration wait = backoff(n);
            LOG.warn("On-call webhook attempt {} of {} failed ({}): {} alert {} tried again in {} ms", n, attempts,
                    failure, call.kind(), call.alertId(), wait.toMillis());
            try {
                executor.schedule(() -> attempt(call, n + 1, result), wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                giveUp(call, n, "the service is stopping", result);
            }
        });
    }

    private void giveUp(Call call, int n, String failure, CompletableFuture<Result> result) {
        LOG.error("On-call webhook gave up after {} attempt(s) ({}): {} alert {} not delivered", n, failure,
                call.kind(), call.alertId());
        result.complete(new Result(Delivery.FAILED, call.alertId(), n));
    }

    /** The wait after attempt {@code n}: the backoff, then four times as long each time. */
    Duration backoff(int n) {
        Duration wait = config.oncallBackoff();
        for (int i = 1; i < n; i++) {
            wait = wait.multipliedBy(4);
        }
        return wait;
    }

    private HttpRequest request(Call call) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest.Builder b = HttpRequest.newBuilder(call.uri()).timeout(config.oncallTimeout())
                .header("Content-Type", "application/json").header(ALERT_ID, call.alertId())
                .header(TIMESTAMP, timestamp).POST(HttpRequest.BodyPublishers.ofByteArray(call.body()));
        if (signed()) {
            b.header(SIGNATURE, "sha256=" + signature(config.oncallSecret(), timestamp, call.body()));
        }
        return b.build();
    }

    /** HMAC-SHA256 of {@code timestamp + "." + body} with {@code secret}, in lower-case hex. */
    public static String signature(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** The failure's own class (ConnectException, HttpTimeoutException), not the future's wrapper around it. */
    private static String failureName(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
