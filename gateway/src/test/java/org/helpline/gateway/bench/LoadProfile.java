package org.helpline.gateway.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises the gateway's flight recording ({@code settings=profile}) taken during the highest open-loop rate:
 * execution samples counted by their top frame (where the CPU is), and by the first frame of our own code on the stack
 * (which of our calls is behind it, inclusive).
 */
final class LoadProfile {
    private LoadProfile() {
    }

    static String summary(Path jfr, java.time.Instant from, java.time.Instant to, int top) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> ours = new HashMap<>();
        Map<String, Integer> ourInclusive = new HashMap<>();
        Map<String, Integer> packages = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null
                    || e.getStartTime().isBefore(from) || e.getStartTime().isAfter(to)) {
                continue;
            }
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            self.merge(name(frames.get(0)), 1, Integer::sum);
            String pkg = frames.get(0).getMethod().getType().getName();
            packages.merge(String.join(".", java.util.Arrays.asList(pkg.split("\\.")).subList(0,
                    Math.min(3, pkg.split("\\.").length - 1))), 1, Integer::sum);
            boolean found = false;
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (RecordedFrame f : frames) {
                String n = name(f);
                if (n.startsWith("org.helpline.")) {
                    if (!found) {
                        ours.merge(n, 1, Integer::sum);
                        found = true;
                    }
                    if (seen.add(n)) {
                        ourInclusive.merge(n, 1, Integer::sum);
                    }
                }
            }
            if (!found) {
                ours.merge("(no org.helpline frame: Netty, Micronaut, GC helpers, JIT...)", 1, Integer::sum);
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format("execution samples: %d, %s to %s (%s)%n", samples, from, to, jfr));
        append(out, "top frames (self)", self, samples, top);
        append(out, "package of the top frame (self)", packages, samples, 10);
        append(out, "innermost org.helpline frame on the stack", ours, samples, top);
        append(out, "org.helpline methods, inclusive (on the stack)", ourInclusive, samples, top);
        return out.toString();
    }

    private static void append(StringBuilder out, String title, Map<String, Integer> counts, int samples, int top) {
        out.append(title).append(":\n");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(en -> out.append(String.format("  %5.1f%%  %6d  %s%n", 100.0 * en.getValue() / samples,
                        en.getValue(), en.getKey())));
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }
}
