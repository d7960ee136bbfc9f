package org.helpline.gateway.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every OS process the chaos run starts (Redis servers, gateways), so that all of them die with the run: on success,
 * on a failed check, on an exception, on Ctrl-C (a JVM shutdown hook). Faults are injected with a real
 * {@code kill -9 <pid>}, never {@link Process#destroy()}.
 */
final class Children {
    private static final List<Process> ALL = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Children::killAll, "chaos-children"));
    }

    private Children() {
    }

    /** Starts {@code pb} with stdout and stderr appended to {@code log}, and remembers the process. */
    static Process start(ProcessBuilder pb, Path log) {
        try {
            Files.createDirectories(log.getParent());
            pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Process p = pb.start();
            synchronized (ALL) {
                ALL.add(p);
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + pb.command(), e);
        }
    }

    /**
     * Sends SIGKILL with {@code kill -9 <pid>} and waits until the process is gone; returns its exit status (137 for
     * a process killed by signal 9).
     */
    static int kill9(Process p) {
        try {
            Process kill = new ProcessBuilder("kill", "-9", Long.toString(p.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -9 " + p.pid() + " failed");
            }
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("process " + p.pid() + " survived kill -9");
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code kill -<signal> <pid>} (STOP freezes the process, CONT resumes it). */
    static void signal(Process p, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + p.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills every child still alive (cleanup: SIGKILL, nothing to save). */
    static void killAll() {
        List<Process> copy;
        synchronized (ALL) {
            copy = new ArrayList<>(ALL);
            ALL.clear();
        }
        for (Process p : copy) {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
        for (Process p : copy) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The last {@code lines} lines of a child's log, to show why it failed. */
    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
