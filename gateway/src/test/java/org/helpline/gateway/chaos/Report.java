package org.helpline.gateway.chaos;

import java.util.ArrayList;
import java.util.List;

/**
 * What one scenario measured (figures, printed as they are) and the invariants it checked against what Redis and the
 * Twilio stand-in actually hold. A scenario passes only if every check passed.
 */
final class Report {
    private record Check(String invariant, boolean passed, String detail) {
    }

    private final String scenario;
    private final List<String> figures = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();

    Report(String scenario) {
        this.scenario = scenario;
    }

    void figure(String format, Object... args) {
        figures.add(String.format(format, args));
    }

    /** Records an invariant; {@code detail} says what was found, whichever way it went. */
    boolean check(String invariant, boolean passed, String detail) {
        checks.add(new Check(invariant, passed, detail));
        return passed;
    }

    /** A failure that stopped the scenario before its checks (an exception). */
    void aborted(Throwable e) {
        checks.add(new Check("scenario ran to the end", false, e.toString()));
    }

    boolean passed() {
        return !checks.isEmpty() && checks.stream().allMatch(Check::passed);
    }

    String scenario() {
        return scenario;
    }

    void print() {
        System.out.println();
        System.out.println("== " + scenario + " ==");
        figures.forEach(f -> System.out.println("  " + f));
        for (Check c : checks) {
            System.out.printf("  [%s] %s — %s%n", c.passed() ? "ok" : "FAIL", c.invariant(), c.detail());
        }
        System.out.println("  => " + (passed() ? "PASS" : "FAIL"));
        System.out.flush();
    }

    static String seconds(long nanos) {
        return String.format("%.1f s", nanos / 1e9);
    }
}
