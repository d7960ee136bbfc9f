package org.helpline.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies between the gateway's packages point one way: no package depends, directly or through others, on a
 * package that depends on it. Read from the sources (imports and qualified names alike), so a new arrow back up
 * fails the build with the cycle it makes.
 */
class PackageArrowsTest {
    private static final Path MAIN = Path.of("src/main/java/org/helpline/gateway");
    private static final Pattern USE = Pattern.compile("org\\.helpline\\.gateway\\.([a-z]+)\\.");

    static Map<String, Set<String>> graph() throws IOException {
        Map<String, Set<String>> g = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path rel = MAIN.relativize(f);
                if (rel.getNameCount() < 2) {
                    continue;       // the application's own entry point, above every package
                }
                String from = rel.getName(0).toString();
                Set<String> to = g.computeIfAbsent(from, k -> new TreeSet<>());
                Matcher m = USE.matcher(Files.readString(f));
                while (m.find()) {
                    if (!m.group(1).equals(from)) {
                        to.add(m.group(1));
                    }
                }
            }
        }
        return g;
    }

    /** A cycle through the graph, as the packages on it in order; empty when there is none. */
    static List<String> cycle(Map<String, Set<String>> g) {
        Map<String, Integer> state = new TreeMap<>();   // 1 on the current path, 2 done
        for (String start : g.keySet()) {
            Deque<String> path = new ArrayDeque<>();
            List<String> found = visit(start, g, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> visit(String p, Map<String, Set<String>> g, Map<String, Integer> state,
                                      Deque<String> path) {
        Integer s = state.get(p);
        if (s != null && s == 2) {
            return List.of();
        }
        if (s != null) {
            List<String> loop = new ArrayList<>();
            boolean on = false;
            for (String q : (Iterable<String>) path::descendingIterator) {
                on |= q.equals(p);
                if (on) {
                    loop.add(q);
                }
            }
            loop.add(p);
            return loop;
        }
        state.put(p, 1);
        path.push(p);
        for (String q : g.getOrDefault(p, Set.of())) {
            List<String> found = visit(q, g, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        path.pop();
        state.put(p, 2);
        return List.of();
    }

    @Test
    void noPackageDependsOnOneThatDependsOnIt() throws IOException {
        Map<String, Set<String>> g = graph();
        assertTrue(g.size() > 10, "the sources were found: " + g.keySet());
        assertEquals(List.of(), cycle(g), "a cycle between packages: " + g);
    }

    @Test
    void theCheckFindsACycle() {
        Map<String, Set<String>> g = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"),
                "d", Set.of("a")));
        assertEquals(List.of("a", "b", "c", "a"), cycle(g));
    }
}
