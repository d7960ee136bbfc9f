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
    public record Received(String method, String path, String authorization, Map<String, String> form,
                           Map<String, String> query) {
    }

    /** A message the stand-in created (answered 201), listed back by {@code GET .../Messages.json?To=...}. */
    public record Created(String sid, String to, String body, java.time.Instant at) {
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
    private volatile Function<Received, Long> delays = r -> 0L;
    private final List<Created> created = Collections.synchronizedList(new ArrayList<>());
    private final java.util.concurrent.atomic.AtomicLong posts = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean keep = true;

    static {
        // answer headers and body in one segment: without it Nagle's algorithm meets the client's delayed ACK and
        // every answer waits ~40 ms, which is the stand-in's limit, not the gateway's
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public TwilioStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        answers = r -> Answer.message(String.format("SM%032d", counter.incrementAndGet()), r.form().get("To"));
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(32, t -> {
            Thread thread = new Thread(t, "twilio-stand-in");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String rawQuery = exchange.getRequestURI().getRawQuery();
            Received r = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"), parse(body),
                    parse(rawQuery == null ? "" : rawQuery));
            Answer a;
            if (r.method().equals("GET") && r.path().endsWith("/Messages.json")) {
                a = list(r);
            } else {
                posts.incrementAndGet();
                if (keep) {
                    received.add(r);
                }
                a = answers.apply(r);
                if (keep && a.status() == 201 && r.path().endsWith("/Messages.json")) {
                    String sid = a.json().replaceAll("(?s).*\"sid\":\"([A-Za-z0-9]+)\".*", "$1");
                    created.add(new Created(sid, r.form().get("To"), r.form().get("Body"), java.time.Instant.now()));
                }
            }
            long delay = delays.apply(r);
            if (delay > 0) {
                try {
                    Thread.sleep(delay); // the message exists at "Twilio"; its answer is late (or never read)
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
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

    /** How long to hold each answer back (the message is already created): a caller dying meanwhile never learns. */
    public void delay(Function<Received, Long> delays) {
        this.delays = delays;
    }

    /** Benchmarks: count requests only, keep none (a million recorded requests would be the heap's biggest user). */
    public void countOnly() {
        keep = false;
    }

    public long posts() {
        return posts.get();
    }

    public List<Created> created() {
        return List.copyOf(created);
    }

    /** Twilio's message list, filtered by {@code To} (the only filter the gateway uses with a date). */
    private Answer list(Received r) {
        String to = r.query().get("To");
        StringBuilder json = new StringBuilder("{\"messages\":[");
        boolean first = true;
        synchronized (created) {
            for (Created c : created) {
                if (to != null && !to.equals(c.to())) {
                    continue;
                }
                json.append(first ? "" : ",").append("{\"sid\":\"").append(c.sid()).append("\",\"to\":\"")
                        .append(c.to()).append("\",\"body\":").append(quote(c.body()))
                        .append(",\"status\":\"sent\",\"date_created\":\"")
                        .append(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                                c.at().atZone(java.time.ZoneOffset.UTC)))
                        .append("\",\"account_sid\":\"AC00000000000000000000000000000000\"}");
                first = false;
            }
        }
        json.append("],\"uri\":\"").append(r.path()).append("\",\"first_page_uri\":\"").append(r.path())
                .append("\",\"next_page_uri\":null,\"previous_page_uri\":null,\"page\":0,\"page_size\":50,"
                        + "\"start\":0,\"end\":0}");
        return new Answer(200, json.toString());
    }

    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public void clear() {
        received.clear();
        created.clear();
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
