package org.helpline.gateway.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * A signed-in supervisor's console, as a browser holds it: logged in with the demo user, the live event stream
 * ({@code /console/api/events}, Server-Sent Events) open. Measures high-risk webhook → its {@code queue} event.
 *
 * <p>The {@code queue} event carries only the queue's depth, not the conversation, so sends and arrivals are paired in
 * order: the k-th high-risk message sent with the k-th queue event received. The mean is exact whatever the pairing
 * (sum of arrivals − sum of sends); percentiles are exact while events arrive in send order, and only messages sent
 * within a few milliseconds of each other can swap. In the mix only high-risk messages escalate, so every queue event
 * is one of them; the counts of sends and events are reported, and a difference means an escalation was not seen.
 */
final class LoadConsole implements AutoCloseable {
    /** Pairs of one phase: sent, events received, latency (µs) histogram of the pairs. */
    record Result(int sent, int received, Histogram latencyMicros) {
    }

    private final ConcurrentLinkedQueue<Long> sends = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private volatile boolean connected;

    /** Signs in as {@code user} and opens the event stream; returns once the stream's hello arrived. */
    LoadConsole(String base, String user, String password) throws Exception {
        HttpResponse<Void> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (login.statusCode() / 100 != 3 || login.headers().firstValue("location").orElse("").contains("error")) {
            throw new IllegalStateException("console login failed: " + login.statusCode() + " "
                    + login.headers().firstValue("location").orElse(""));
        }
        http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/console/api/events")).GET().build(),
                HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> r.body().forEach(line -> {
                    if (line.equals("event: queue")) {
                        arrivals.add(System.nanoTime());
                    } else if (line.equals("event: hello")) {
                        connected = true;
                    }
                }));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!connected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (!connected) {
            throw new IllegalStateException("the console's event stream did not open");
        }
    }

    /** Called by the load client as each request leaves; {@code clockStart} is its latency clock's start. */
    void onSend(LoadMix.Request r, long clockStart) {
        if (r.highRisk()) {
            sends.add(clockStart);
        }
    }

    /** Waits up to {@code graceMillis} for the phase's events, then pairs them and starts afresh. */
    Result drain(long graceMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
        while (arrivals.size() < sends.size() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<Long> s = new ArrayList<>(sends);
        List<Long> a = new ArrayList<>(arrivals);
        sends.clear();
        arrivals.clear();
        Collections.sort(s);
        Collections.sort(a);
        Histogram h = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
        for (int i = 0; i < Math.min(s.size(), a.size()); i++) {
            h.recordValue(Math.max(0, (a.get(i) - s.get(i)) / 1000));
        }
        return new Result(s.size(), a.size(), h);
    }

    /** Forgets everything seen so far (between phases that do not measure it). */
    void reset() {
        sends.clear();
        arrivals.clear();
    }

    @Override
    public void close() {
        // the stream ends with the gateway; the JDK client (17) has no shutdown of its own
    }
}
