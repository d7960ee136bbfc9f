package org.helpline.gateway.queue;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.Optional;
import org.helpline.nlp.RiskTier;

/**
 * When the liveness job ({@code helpline.liveness.*}, e.g. {@code HELPLINE_LIVENESS_COUNSELLOR_SILENCE=5m}) raises an
 * alert or ends something. It runs once per cluster every {@code helpline.jobs.liveness}.
 *
 * <p>A held conversation's silence (no reply from its counsellor since they took it, or since their last reply) is
 * escalated in steps, each measured from the step before it, so that every step gives the counsellor its full time
 * even when the job could not run for a while: {@code counsellorSilence}, then {@code supervisorAfter}, then
 * {@code returnAfter}. A reply at any point starts a new silence.
 *
 * @param counsellorSilence   silent this long: the holder's desk is alerted, once per silence
 * @param targetWaitImminent  an IMMINENT conversation waiting longer than this alerts the supervisors (and the on-call
 *                            webhook), once
 * @param targetWaitHigh      the same for a HIGH one
 * @param abandonAfter        a waiting conversation whose young person has written nothing for this long (and that no
 *                            counsellor took) ends: the young person is told, with their own country's numbers, and
 *                            how to get back in line
 * @param presenceLapse       a counsellor none of whose desks has sent a heartbeat for this long is set offline (the
 *                            desk beats every 5 s while any tab of it is open), so no conversation is offered to them
 * @param supervisorAfter     still silent this long after the desk's alert: the supervisors (and the on-call webhook)
 *                            are alerted
 * @param returnAfter         still silent this long after the supervisors' alert: the conversation goes back to the
 *                            queue at its original place and the counsellor's hold ends
 * @param oncallUrl           where the on-call webhook POSTs (waits past target, the supervisor step); none: no webhook
 * @param oncallTimeout       how long one webhook attempt may take (connect and answer) before it counts as failed
 * @param oncallSecret        the key of the webhook's HMAC-SHA256 signature ({@code X-Helpline-Signature}); none:
 *                            the calls are unsigned, which is warned of at start-up outside development
 * @param oncallAttempts      how many times one alert is tried when the endpoint cannot be reached, times out or
 *                            answers 5xx (a 4xx is never tried again); at least 1
 * @param oncallBackoff       the wait before the second attempt; each later wait is four times the one before
 */
@ConfigurationProperties("helpline.liveness")
public record LivenessConfiguration(@Bindable(defaultValue = "5m") Duration counsellorSilence,
                                    @Bindable(defaultValue = "2m") Duration targetWaitImminent,
                                    @Bindable(defaultValue = "10m") Duration targetWaitHigh,
                                    @Bindable(defaultValue = "6h") Duration abandonAfter,
                                    @Bindable(defaultValue = "60s") Duration presenceLapse,
                                    @Bindable(defaultValue = "3m") Duration supervisorAfter,
                                    @Bindable(defaultValue = "5m") Duration returnAfter,
                                    @Nullable String oncallUrl,
                                    @Bindable(defaultValue = "5s") Duration oncallTimeout,
                                    @Nullable String oncallSecret,
                                    @Bindable(defaultValue = "3") int oncallAttempts,
                                    @Bindable(defaultValue = "2s") Duration oncallBackoff) {

    /** The secret never reaches a log line through this record. */
    @Override
    public String toString() {
        return "LivenessConfiguration[counsellorSilence=" + counsellorSilence + ", targetWaitImminent="
                + targetWaitImminent + ", targetWaitHigh=" + targetWaitHigh + ", abandonAfter=" + abandonAfter
                + ", presenceLapse=" + presenceLapse + ", supervisorAfter=" + supervisorAfter + ", returnAfter="
                + returnAfter + ", oncallUrl=" + (oncallUrl == null ? "none" : "set") + ", oncallTimeout="
                + oncallTimeout + ", oncallSecret=" + (oncallSecret == null || oncallSecret.isBlank() ? "none" : "set")
                + ", oncallAttempts=" + oncallAttempts + ", oncallBackoff=" + oncallBackoff + "]";
    }

    /** The target wait of a tier; none for LOW (and NONE). */
    public Optional<Duration> targetWait(RiskTier tier) {
        return switch (tier) {
            case IMMINENT -> Optional.of(targetWaitImminent);
            case HIGH -> Optional.of(targetWaitHigh);
            default -> Optional.empty();
        };
    }

    /** How long a silence lasts at the least before the supervisors hear of it. */
    public Duration supervisorSilence() {
        return counsellorSilence.plus(supervisorAfter);
    }

    /** How long a silence lasts at the least before the conversation goes back to the queue. */
    public Duration returnSilence() {
        return supervisorSilence().plus(returnAfter);
    }
}
