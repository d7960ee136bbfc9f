package org.helpline.gateway.console;

import jakarta.inject.Singleton;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks passwords against their PBKDF2 hashes, a bounded number at a time: each check is ~0.2 s of a core, and
 * checks running unbounded on the blocking executor took both cores from the webhooks during a burst of log-ins
 * (signed webhooks at p90 0.7 s, max 6.2 s). A username that does not exist is checked against a dummy hash, so that
 * it takes as long as a real one and the answer's timing does not tell which usernames exist.
 */
@Singleton
public class PasswordChecks {
    /** Thrown when no hashing slot frees up within the configured wait. */
    public static final class Busy extends RuntimeException {
        Busy() {
            super("password checks busy", null, false, false);
        }
    }

    private final Semaphore slots;
    private final long waitMillis;
    private final AtomicLong checks = new AtomicLong();
    private volatile String dummy;

    public PasswordChecks(LoginConfiguration config) {
        this.slots = new Semaphore(config.effectiveHashThreads(), true);
        this.waitMillis = config.hashWait().toMillis();
    }

    /**
     * Whether {@code password} matches {@code stored}; {@code stored} null means an unknown user (a dummy hash is
     * checked instead, and the answer is always false).
     *
     * @throws Busy when no slot frees up in time
     */
    public boolean matches(String password, String stored) {
        String against = stored == null ? dummyHash() : stored;
        try {
            if (!slots.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                throw new Busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        }
        try {
            checks.incrementAndGet();
            boolean ok = PasswordHasher.matches(password == null ? "" : password, against);
            return ok && stored != null;
        } catch (RuntimeException e) {
            return false; // a malformed stored hash never matches
        } finally {
            slots.release();
        }
    }

    /** Password hashes computed since start (no personal data: a count). */
    public long checks() {
        return checks.get();
    }

    private String dummyHash() {
        String d = dummy;
        if (d == null) {
            synchronized (this) {
                if (dummy == null) {
                    dummy = PasswordHasher.hash(UUID.randomUUID().toString());
                }
                d = dummy;
            }
        }
        return d;
    }
}
