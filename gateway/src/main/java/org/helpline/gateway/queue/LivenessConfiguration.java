package org.helpline.gateway.queue;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.Optional;
import org.helpline.nlp.RiskTier;

/**
 * When the liveness job ({@code helpline.liveness.*}, e.g. {@code HELPLINE_LIVENESS_COUNSELLOR_SILENCE=5m}) raises an
 * alert or ends something. It runs once per cluster every {@code helpline.jobs.liveness}.
 *
 * @param counsellorSilence   a held conversation whose counsellor has not replied for this long (since they took it,
 *                            or since their last reply) alerts the holder's desk and the supervisors, once per silence
 * @param targetWaitImminent  an IMMINENT conversation waiting longer than this alerts the supervisors, once
 * @param targetWaitHigh      the same for a HIGH one
 * @param abandonAfter        a waiting conversation whose young person has written nothing for this long (and that no
 *                            counsellor took) ends: the young person is told, with their own country's numbers, and
 *                            how to get back in line
 * @param presenceLapse       a counsellor none of whose desks has sent a heartbeat for this long is set offline (the
 *                            desk beats every 5 s while any tab of it is open), so no conversation is offered to them
 */
@ConfigurationProperties("helpline.liveness")
public record LivenessConfiguration(@Bindable(defaultValue = "5m") Duration counsellorSilence,
                                    @Bindable(defaultValue = "2m") Duration targetWaitImminent,
                                    @Bindable(defaultValue = "10m") Duration targetWaitHigh,
                                    @Bindable(defaultValue = "6h") Duration abandonAfter,
                                    @Bindable(defaultValue = "60s") Duration presenceLapse) {

    /** The target wait of a tier; none for LOW (and NONE). */
    public Optional<Duration> targetWait(RiskTier tier) {
        return switch (tier) {
            case IMMINENT -> Optional.of(targetWaitImminent);
            case HIGH -> Optional.of(targetWaitHigh);
            default -> Optional.empty();
        };
    }
}
