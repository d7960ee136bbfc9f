package org.helpline.gateway.cases;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One earlier case of the same contact, as the next counsellor sees it (kept under the conversation's pseudonymous
 * id, notes encrypted at rest; erased and expired with the conversation).
 *
 * @param referrals where the young person was referred, in words; {@code null} when it was not recorded
 */
@Serdeable
public record PastCase(String caseId, String closedAt, String counsellor, String tier, List<String> categories,
                       String ageBand, String outcome, String notes, @Nullable List<String> referrals) {
    @Override
    public String toString() {
        return "PastCase[" + caseId + ", " + closedAt + ", notes redacted]";
    }
}
