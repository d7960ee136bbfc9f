package org.helpline.gateway.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A signed-in console user over real HTTP, as a browser is: a cookie jar and the CSRF header on POSTs. */
public final class ConsoleBrowser {
    private final String base;
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    private ConsoleBrowser(String base) {
        this.base = base;
    }

    /** Logs in; fails unless the log-in page redirects to the console. */
    public static ConsoleBrowser signIn(String base, String user, String password) {
        ConsoleBrowser b = new ConsoleBrowser(base);
        HttpResponse<String> r = b.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password)).build());
        if (r.statusCode() != 303 || !"/console".equals(r.headers().firstValue("Location").orElse(""))) {
            throw new IllegalStateException("log-in of " + user + " failed: " + r.statusCode());
        }
        return b;
    }

    /** Signs in as {@code user} (password {@code <user>-password-1}, as the tests create them) and goes available. */
    public static ConsoleBrowser available(String base, String user) {
        ConsoleBrowser b = signIn(base, user, user + "-password-1");
        HttpResponse<String> r = b.post("/console/api/presence", "{\"presence\":\"available\"}");
        if (r.statusCode() != 200) {
            throw new IllegalStateException(user + " could not go available: " + r.statusCode());
        }
        return b;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    public HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("X-Helpline-Console", "1").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpResponse<String> send(HttpRequest r) {
        try {
            return client.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
