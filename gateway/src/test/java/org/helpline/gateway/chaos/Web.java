package org.helpline.gateway.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.helpline.gateway.support.Forms;
import org.helpline.gateway.support.TwilioSigner;

/**
 * HTTP as Twilio and a counsellor's browser use it, with short timeouts: a dead instance answers {@code -1}
 * (connection refused) rather than an exception, because during chaos that is an expected outcome.
 */
final class Web {
    static final String ACCOUNT = "AC00000000000000000000000000000000";
    static final String TOKEN = "chaos-auth-token-0123456789abcdef";
    static final String PUBLIC_URL = "https://helpline.example.org";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient PLAIN = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A status (or -1 when the connection failed) and the body. */
    record Answer(int status, String body) {
        boolean ok() {
            return status == 200;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }

    private Web() {
    }

    /** {@code GET /health}'s status; -1 when the instance does not answer within 2 s. */
    static int health(String base) {
        return send(PLAIN, HttpRequest.newBuilder(URI.create(base + "/health")).timeout(Duration.ofSeconds(2)).GET()
                .build()).status();
    }

    /** An inbound SMS webhook signed as Twilio signs it (over HELPLINE_PUBLIC_URL + path). */
    static Answer webhook(String base, String sid, String from, String text) {
        Map<String, String> form = Forms.inbound(sid, from, text);
        String signature = TwilioSigner.sign(TOKEN, PUBLIC_URL + "/twilio/messages", form);
        return send(PLAIN, HttpRequest.newBuilder(URI.create(base + "/twilio/messages"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(Forms.encode(form), StandardCharsets.UTF_8)).build());
    }

    static Answer send(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Answer(-1, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A console session (the signed session cookie) on one instance, as a browser tab holds it. */
    static final class Console {
        private final String base;
        private final CookieManager cookies = new CookieManager();
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(2)).build();

        Console(String base) {
            this.base = base;
        }

        /** Logs in with the login form; the gateway answers 303 and sets the session cookie. */
        static Console login(String base, String user, String password) {
            Console c = new Console(base);
            Answer a = send(c.client, HttpRequest.newBuilder(URI.create(base + "/login"))
                    .timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(Forms.encode(Map.of("username", user,
                            "password", password)))).build());
            if (a.status() != 303 || c.cookies.getCookieStore().getCookies().isEmpty()) {
                throw new IllegalStateException("login of " + user + " at " + base + ": " + a);
            }
            return c;
        }

        Answer post(String path, String json) {
            return send(client, HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("X-Helpline-Console", "1")
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
        }

        Answer postCsv(String path, String csv) {
            return send(client, HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "text/csv").header("X-Helpline-Console", "1")
                    .POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)).build());
        }

        Answer get(String path) {
            return send(client, HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                    .GET().build());
        }

        /** Like {@link #post} but fails the run on anything but {@code expected}. */
        JsonNode expect(int expected, String path, String json) {
            Answer a = post(path, json);
            if (a.status() != expected) {
                throw new IllegalStateException("POST " + path + " at " + base + ": " + a);
            }
            return a.body().isEmpty() ? null : a.json();
        }
    }
}
