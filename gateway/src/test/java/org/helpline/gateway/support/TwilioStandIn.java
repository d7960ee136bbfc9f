package org.helpline.gateway.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A local HTTP server standing in for api.twilio.com: it records each request the real SDK makes and answers as
 * Twilio would (a Message resource, or an error document), as the test decides.
 */
public final class TwilioStandIn implements AutoCloseable {
    /** One request as received. */
    public record Received(String method, String path, String authorization, Map<String, String> form) {
    }

    /** An answer: HTTP status and JSON body. */
    public record Answer(int status, String json) {
        public static Answer message(String sid, String to) {
            return new Answer(201, "{\"sid\":\"" + sid + "\",\"status\":\"queued\",\"to\":\"" + to
                    + "\",\"account_sid\":\"AC00000000000000000000000000000000\",\"num_segments\":\"1\"}");
        }

        public static Answer error(int status, int code, String message) {
            return new Answer(status, "{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":" + status
                    + ",\"more_info\":\"https://www.twilio.com/docs/errors/" + code + "\"}");
        }
    }

    private final HttpServer server;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger counter = new AtomicInteger();
    private volatile Function<Received, Answer> answers;

    public TwilioStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        answers = r -> Answer.message(String.format("SM%032d", counter.incrementAndGet()), r.form().get("To"));
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Received r = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"), parse(body));
            received.add(r);
            Answer a = answers.apply(r);
            byte[] out = a.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(a.status(), out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        });
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void answer(Function<Received, Answer> answers) {
        this.answers = answers;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public void clear() {
        received.clear();
    }

    private static Map<String, String> parse(String body) {
        Map<String, String> m = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return m;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            m.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
