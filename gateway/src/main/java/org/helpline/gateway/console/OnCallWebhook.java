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
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.helpline.gateway.queue.LivenessConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-call webhook ({@code helpline.liveness.oncall-url}, {@code HELPLINE_LIVENESS_ONCALL_URL}): a waiting
 * HIGH/IMMINENT conversation past its target wait, and a silent held conversation at its supervisor step, are POSTed
 * as a small JSON {@link Payload} so that someone on call hears of them when nobody watches the supervisor's room.
 *
 * <p>The payload carries only the pseudonymous conversation id, the tier and durations: never a phone number, a
 * counsellor's name or a word of the young person's (it leaves the service for a system we do not control). The
 * call is asynchronous with {@code oncall-timeout} for connect and answer, so a slow or dead endpoint never holds up
 * the liveness job (which must keep its cluster lease); a failure is logged without the payload.
 */
@Singleton
public class OnCallWebhook {
    private static final Logger LOG = LoggerFactory.getLogger(OnCallWebhook.class);

    /**
     * What is sent.
     *
     * @param kind          {@code WAIT_OVER_TARGET} or {@code SILENCE_ESCALATED} ({@link LivenessAlert.Kind})
     * @param conversation  the pseudonymous conversation id (an HMAC of the number, not the number)
     * @param seconds       how long it has waited (a wait) or had no counsellor reply (a silence)
     * @param limitSeconds  the configured limit it passed
     */
    @Serdeable
    public record Payload(String kind, String conversation, String tier, long seconds, long limitSeconds, String at) {
    }

    /** How one call ended. */
    public enum Delivery { DELIVERED, REFUSED, FAILED, NOT_CONFIGURED }

    private final LivenessConfiguration config;
    private final JsonMapper json;
    private final Clock clock;
    // one daemon thread: calls are rare (a few per incident) and must never compete with the webhooks' threads
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "oncall-webhook");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client;

    public OnCallWebhook(LivenessConfiguration config, JsonMapper json, Clock clock) {
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(config.oncallTimeout()).executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** True when a URL is configured. */
    public boolean configured() {
        return config.oncallUrl() != null && !config.oncallUrl().isBlank();
    }

    /** Sends {@code alert} without waiting for the answer; the future says how it ended (it never fails). */
    public CompletableFuture<Delivery> send(LivenessAlert alert) {
        if (!configured()) {
            return CompletableFuture.completedFuture(Delivery.NOT_CONFIGURED);
        }
        Payload p = new Payload(alert.kind().name(), alert.conversation(), alert.tier(), alert.seconds(),
                alert.limitSeconds(), clock.instant().toString());
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(config.oncallUrl().strip()))
                    .timeout(config.oncallTimeout()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(p))).build();
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("On-call webhook not called: the URL or payload is not valid ({})", e.getClass().getSimpleName());
            return CompletableFuture.completedFuture(Delivery.FAILED);
        }
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((r, e) -> {
            if (e != null) {
                LOG.warn("On-call webhook call failed ({}): {} not delivered", rootName(e), p.kind());
                return Delivery.FAILED;
            }
            if (r.statusCode() / 100 != 2) {
                LOG.warn("On-call webhook answered HTTP {}: {} not accepted", r.statusCode(), p.kind());
                return Delivery.REFUSED;
            }
            return Delivery.DELIVERED;
        });
    }

    private static String rootName(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
