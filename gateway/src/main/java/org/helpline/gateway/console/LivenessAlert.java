package org.helpline.gateway.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One liveness alert as the console gets it (live, and in the supervisor's overview): pseudonymous ids and durations
 * only, never a word of the young person's.
 *
 * @param counsellor   the holder (REPLY_OVERDUE, SILENCE_ESCALATED, RETURNED_SILENT), the counsellor set offline
 *                     (PRESENCE_LAPSED), else {@code null}
 * @param seconds      how long: silent, waited, unseen
 * @param limitSeconds the configured limit it passed
 */
@Serdeable
public record LivenessAlert(Kind kind, @Nullable String conversation, @Nullable String tier,
                            @Nullable String counsellor, long seconds, long limitSeconds) {
    /** What happened. */
    public enum Kind {
        /** A held conversation's counsellor has not replied for longer than {@code helpline.liveness.counsellor-silence}. */
        REPLY_OVERDUE,
        /** Still no reply {@code helpline.liveness.supervisor-after} after the desk's alert: the supervisors' step. */
        SILENCE_ESCALATED,
        /**
         * Still no reply {@code helpline.liveness.return-after} after the supervisors' alert: the conversation went
         * back to the queue at its original place and the counsellor no longer holds it.
         */
        RETURNED_SILENT,
        /** A waiting HIGH/IMMINENT conversation passed its tier's target wait. */
        WAIT_OVER_TARGET,
        /** A waiting conversation whose young person was silent too long was ended; they were told. */
        ENDED_WAITING,
        /** A counsellor's desk stopped beating: they were set offline. */
        PRESENCE_LAPSED
    }
}
