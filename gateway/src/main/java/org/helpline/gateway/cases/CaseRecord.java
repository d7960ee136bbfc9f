package org.helpline.gateway.cases;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import org.helpline.nlp.RiskTier;

/**
 * A closed case as the reports keep it: no phone number, no message text, no notes, not even the conversation's
 * pseudonym (a random case id instead), so that statistics can be kept and exported after the conversation is gone.
 *
 * <p>A wait that ended without a counsellor (its outcome {@link Outcome#endedWaiting()}) is a record too, written by
 * the gateway ({@link CaseRecords#endedWaiting}): no counsellor, no categories, age band and gender not known, no
 * review and no referral; how long the young person waited until it ended is {@code closedAt - arrivedAt}.
 *
 * @param counsellor who closed the case; {@code null} for a wait that ended without a counsellor
 * @param categories Child Helpline International category and sub-category codes ({@code violence.cyberbullying}),
 *                   the main one first; empty for a wait that ended without a counsellor (none was recorded)
 * @param waitMillis how long the young person waited before a person first answered; {@code null} when unknown, and
 *                   for a wait that ended before anyone answered (an entry a counsellor had answered before it went
 *                   back to the queue keeps that first wait)
 * @param reviewedTier the tier the counsellor says was right at close ({@code tier} when they agreed); {@code null}
 *                     when they did not say (the review is optional), as in every record written before it existed
 * @param referrals    where the young person was referred ({@link Referral#NONE} alone: nowhere); {@code null} when
 *                     not recorded, as in every record written before it existed
 * @param arrivedAt    when the young person reached the queue (ms); {@code null} when unknown, as in older records
 */
@Serdeable
public record CaseRecord(String caseId, long closedAt, @Nullable String counsellor, String tier,
                         List<String> categories, AgeBand ageBand, Gender gender, Outcome outcome,
                         @Nullable Long waitMillis, @Nullable RiskTier reviewedTier, @Nullable List<Referral> referrals,
                         @Nullable Long arrivedAt) {
    /** A wait that ended before any person answered: the reports' "not answered". */
    public boolean notAnswered() {
        return outcome.endedWaiting() && waitMillis == null;
    }
}
