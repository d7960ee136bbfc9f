package org.helpline.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.helpline.gateway.support.Http;
import org.helpline.gateway.support.TestProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Finding 4 (medium): 200 idle or half-sent-header connections stayed open past 62 s, and ~20,000 idle sockets
 * exhausted the file descriptors so that webhooks and {@code /health} timed out. Replayed with short timeouts (2 s
 * idle, 2 s to send a request) and a cap of 60: 25 silent sockets and 25 that trickle a header a line every 300 ms are
 * all closed by the server within the timeout while {@code /health} answers; sockets over the cap are closed at once.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowConnectionsTest implements TestPropertyProvider {
    private static final long TIMEOUT_MILLIS = 2000;
    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of("slow-connections", "micronaut.server.idle-timeout", "2s",
                "helpline.connections.request-timeout", "2s", "helpline.connections.max", "60");
    }

    /** Completes with the milliseconds until the server closed the socket (read gave -1 or the socket broke). */
    private static CompletableFuture<Long> closedAfter(Socket s, long openedAt, boolean trickle) {
        CompletableFuture<Long> closed = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (InputStream in = s.getInputStream()) {
                while (in.read() != -1) {
                    // a 408 or any answer: keep reading until the server closes
                }
            } catch (IOException e) {
                // reset by the server: closed too
            }
            closed.complete(System.currentTimeMillis() - openedAt);
        });
        reader.setDaemon(true);
        reader.start();
        if (trickle) {
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    out.write("GET /health HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
                    for (int i = 0; !closed.isDone() && i < 200; i++) {
                        out.write(("X-Slow-" + i + ": still coming\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        Thread.sleep(300);
                    }
                } catch (IOException | InterruptedException e) {
                    // the server closed it
                }
            });
            writer.setDaemon(true);
            writer.start();
        }
        return closed;
    }

    @Test
    void idleAndHalfSentConnectionsAreClosedWithinTheTimeoutWhileHealthAnswers() throws Exception {
        int port = server.getPort();
        List<Socket> sockets = new ArrayList<>();
        List<CompletableFuture<Long>> closed = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Socket s = new Socket("127.0.0.1", port);
                sockets.add(s);
                closed.add(closedAfter(s, System.currentTimeMillis(), i % 2 == 1));
            }
            Thread.sleep(500);
            assertEquals(200, Http.get(server.getURL() + "/health").statusCode(), "/health answers meanwhile");
            for (CompletableFuture<Long> c : closed) {
                long millis = c.get(TIMEOUT_MILLIS + 4000, TimeUnit.MILLISECONDS);
                assertTrue(millis <= TIMEOUT_MILLIS + 3000, "closed after " + millis + " ms");
            }
            assertEquals(200, Http.get(server.getURL() + "/health").statusCode());
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    @Test
    void connectionsOverTheCapAreClosedAtOnce() throws Exception {
        int port = server.getPort();
        List<Socket> sockets = new ArrayList<>();
        List<CompletableFuture<Long>> closed = new ArrayList<>();
        try {
            for (int i = 0; i < 70; i++) {
                Socket s = new Socket("127.0.0.1", port);
                sockets.add(s);
                closed.add(closedAfter(s, System.currentTimeMillis(), false));
            }
            Thread.sleep(1000);
            long atOnce = closed.stream().filter(CompletableFuture::isDone).count();
            assertTrue(atOnce >= 10 && atOnce <= 15, atOnce + " of 70 closed at once; the cap is 60");
            for (CompletableFuture<Long> c : closed) {
                c.get(TIMEOUT_MILLIS + 4000, TimeUnit.MILLISECONDS);
            }
            assertEquals(200, Http.get(server.getURL() + "/health").statusCode(), "room again once they are closed");
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
