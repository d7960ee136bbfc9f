package org.helpline.gateway.security;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A browser-like console session for the security tests: its own cookie jar, the console's CSRF header on POSTs, no
 * redirects followed (a log-in's answer is where it redirects to).
 */
final class Browser {
    private final String base;
    final CookieManager cookies = new CookieManager();
    private final HttpClient client;

    Browser(String base) {
        this.base = base;
        this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Signs in; returns where the log-in redirects to ({@code /console} when it worked). */
    String login(String user, String password) {
        return login(user, password, Map.of());
    }

    String login(String user, String password, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/login"))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password));
        headers.forEach(b::header);
        HttpResponse<String> r = send(b.build());
        return r.headers().firstValue("Location").orElse("status " + r.statusCode());
    }

    /** The raw answer of a log-in (to read its Set-Cookie). */
    HttpResponse<String> loginResponse(String user, String password, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password));
        headers.forEach(b::header);
        return send(b.build());
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("X-Helpline-Console", "1")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> postRaw(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).header("X-Helpline-Console", "1")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The live event stream's lines, collected as they come (until the stream ends). */
    java.util.List<String> events() {
        java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/console/api/events")).GET().build(),
                // on a thread of its own: when the headers are already in, thenAccept would read the endless stream
                // on the caller's thread (a test hung there)
                HttpResponse.BodyHandlers.ofLines()).thenAcceptAsync(r -> r.body().forEach(lines::add), task -> {
                    Thread t = new Thread(task, "events-reader");
                    t.setDaemon(true);
                    t.start();
                });
        return lines;
    }

    /** Any method without a body, with the CSRF header (e.g. DELETE). */
    HttpResponse<String> send(String method, String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("X-Helpline-Console", "1").method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Signs out as the console's button does (a form POST to /logout). */
    HttpResponse<String> logout() {
        return send(HttpRequest.newBuilder(URI.create(base + "/logout")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("")).build());
    }

    /** This browser's cookies as a Cookie header (what someone who copied them would send). */
    String cookieHeader() {
        return String.join("; ", cookies.getCookieStore().getCookies().stream().map(Object::toString).toList());
    }

    /** A request carrying a copied Cookie header, from a client with no cookie jar. */
    static HttpResponse<String> withCookie(String base, String method, String path, String cookie) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Cookie", cookie).header("X-Helpline-Console", "1").header("Content-Type", "application/json");
        b = "GET".equals(method) ? b.GET() : b.POST(HttpRequest.BodyPublishers.ofString("{}"));
        try {
            return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest r) {
        try {
            return client.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
