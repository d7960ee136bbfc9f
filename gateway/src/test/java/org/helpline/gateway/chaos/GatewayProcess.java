package org.helpline.gateway.chaos;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One gateway instance as a separate OS process: {@code java -Xmx512m -jar gateway/target/gateway-…jar}, configured
 * only through environment variables, as in production.
 */
final class GatewayProcess {
    private final String name;
    private final int port;
    private final Path jar;
    private final Path log;
    private Process process;

    GatewayProcess(String name, int port, Path jar, Path log) {
        this.name = name;
        this.port = port;
        this.jar = jar;
        this.log = log;
    }

    /** Starts the JVM; {@link #awaitHealthy} waits for it. */
    GatewayProcess start(Map<String, String> env) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx512m", "-jar", jar.toString()));
        // nothing from the caller's shell (a MICRONAUT_ENVIRONMENTS=dev, a REDIS_URL) may change the instance
        pb.environment().keySet().removeIf(k -> k.startsWith("HELPLINE_") || k.startsWith("TWILIO_")
                || k.startsWith("REDIS_") || k.startsWith("MICRONAUT_") || k.equals("JAVA_TOOL_OPTIONS"));
        pb.environment().putAll(env);
        pb.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        process = Children.start(pb, log);
        return this;
    }

    /** Waits until {@code GET /health} answers 200 (Redis reachable); fails with the log's tail if the JVM exits. */
    void awaitHealthy(long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("gateway " + name + " exited with " + process.exitValue() + ":\n"
                        + Children.tail(log, 40));
            }
            if (Web.health(url()) == 200) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("gateway " + name + " not healthy after " + timeoutMillis + " ms:\n"
                + Children.tail(log, 40));
    }

    /** {@code kill -9}: no shutdown hook runs, no lease is released, no send is recorded; returns 137. */
    int kill9() {
        return Children.kill9(process);
    }

    /** {@code kill -STOP} / {@code kill -CONT}: frozen like a VM paused or a very long GC pause, then resumed. */
    void signal(String signal) {
        Children.signal(process, signal);
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    String name() {
        return name;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    Path log() {
        return log;
    }
}
