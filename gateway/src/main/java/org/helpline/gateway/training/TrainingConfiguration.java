package org.helpline.gateway.training;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The training store ({@code helpline.training.*}, e.g. {@code HELPLINE_TRAINING_RETENTION=180d}).
 *
 * @param enabled       whether consented, counsellor-labelled messages are kept for training at all
 * @param retention     how long a kept message stays (its own clock, not the transcripts'): a model is retrained
 *                      from what is left, so this is also how far back the training data reaches
 * @param minimumAge    no message of a young person the counsellor recorded as younger than this is kept, whatever
 *                      was consented (the age band's upper bound decides; an unknown age is kept only when the young
 *                      person consented, as the dialogue asks only those who are old enough)
 * @param heldBackShare the share of kept messages exported as held back: never trains a candidate, only scores it
 */
@ConfigurationProperties("helpline.training")
public record TrainingConfiguration(@Bindable(defaultValue = "true") boolean enabled,
                                    @Bindable(defaultValue = "365d") Duration retention,
                                    @Bindable(defaultValue = "13") int minimumAge,
                                    @Bindable(defaultValue = "0.2") double heldBackShare) {
}
