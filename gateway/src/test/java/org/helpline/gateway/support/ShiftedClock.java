package org.helpline.gateway.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Real time that runs on from a chosen instant, and can be moved forward (rates still see time pass). */
public final class ShiftedClock extends Clock {
    private final long startNanos = System.nanoTime();
    private final Instant start;
    private volatile Duration offset = Duration.ZERO;

    public ShiftedClock(Instant start) {
        this.start = start;
    }

    public void advance(Duration d) {
        offset = offset.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return start.plus(offset).plusNanos(System.nanoTime() - startNanos);
    }
}
