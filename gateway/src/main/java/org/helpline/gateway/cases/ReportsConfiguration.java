package org.helpline.gateway.cases;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The supervisors' reports ({@code helpline.reports.*}, e.g. {@code HELPLINE_REPORTS_RETENTION=400d}).
 *
 * @param retention how long a case record for the reports ({@link CaseRecord}) is kept after its case closed; the
 *                  {@code reports-retention} job removes older ones. Its own clock, longer than the transcripts'
 *                  ({@code helpline.privacy.retention}): a report record holds no phone number, no message text, no
 *                  notes and not even the conversation's pseudonym, and helplines report on whole years (to funders,
 *                  to Child Helpline International), so two years lets this year be compared with the last. It is
 *                  also how far back a report or the CSV export can reach
 */
@ConfigurationProperties("helpline.reports")
public record ReportsConfiguration(@Bindable(defaultValue = "730d") Duration retention) {
    public ReportsConfiguration {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("helpline.reports.retention must be positive: " + retention);
        }
    }
}
