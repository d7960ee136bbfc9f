package org.helpline.gateway.twilio;

import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The Twilio SDK's HTTP client, pointed at another base URL (a local stand-in in tests, a staging mock): the SDK has
 * no base-URL setting, so this sends each request's path, query and form body to {@code baseUrl} instead of
 * api.twilio.com, with the same Basic authentication. Everything else (request building, error parsing into
 * ApiException) is the real SDK. Like {@link SingleAttemptHttpClient}, it never re-sends on its own.
 */
public final class StandInHttpClient extends HttpClient {
    private final String baseUrl;
    private final Duration timeout;

    public StandInHttpClient(String baseUrl, Duration timeout) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.timeout = timeout;
    }

    @Override
    protected boolean shouldRetry(Response response, int[] retryCodes) {
        return false;
    }

    @Override
    public Response makeRequest(Request request) {
        try {
            URL original = request.constructURL();
            URL target = URI.create(baseUrl + original.getFile()).toURL();
            HttpURLConnection c = (HttpURLConnection) target.openConnection();
            c.setConnectTimeout((int) timeout.toMillis());
            c.setReadTimeout((int) timeout.toMillis());
            c.setRequestMethod(request.getMethod().toString());
            if (request.requiresAuthentication()) {
                c.setRequestProperty("Authorization", request.getAuthString());
            }
            c.setRequestProperty("Accept", "application/json");
            if (request.getMethod() == HttpMethod.POST) {
                byte[] body = request.encodeFormBody().getBytes(StandardCharsets.UTF_8);
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
                c.setFixedLengthStreamingMode(body.length);
                try (var out = c.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = c.getResponseCode();
            String content;
            try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                // read to the end and close: the connection goes back to the keep-alive cache
                content = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Response(content, status);
        } catch (IOException e) {
            // the SDK turns a missing response into ApiConnectionException
            return null;
        }
    }
}
