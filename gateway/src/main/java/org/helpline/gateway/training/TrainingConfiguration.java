package org.helpline.gateway.training;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The training store ({@code helpline.training.*}, e.g. {@code HELPLINE_TRAINING_RETENTION=180d}). Its minimum age
 * is the training question's ({@code HELPLINE_TRAINING_CONSENT_MIN_AGE}): one setting for asking and for keeping.
 *
 * @param enabled       whether consented, counsellor-labelled messages are kept for training at all
 * @param retention     how long a kept message stays (its own clock, not the transcripts'): a model is retrained
 *                      from what is left, so this is also how far back the training data reaches
 * @param heldBackShare the share of kept messages exported as held back: never trains a candidate, only scores it
 */
@ConfigurationProperties("helpline.training")
public record TrainingConfiguration(@Bindable(defaultValue = "true") boolean enabled,
                                    @Bindable(defaultValue = "365d") Duration retention,
                                    @Bindable(defaultValue = "0.2") double heldBackShare) {
}
