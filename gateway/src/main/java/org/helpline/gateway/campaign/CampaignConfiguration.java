package org.helpline.gateway.campaign;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Campaign settings ({@code helpline.campaigns.*}; environment {@code HELPLINE_CAMPAIGNS_*}). The crisis window
 * ({@code helpline.campaigns.crisis-window}) is read by {@code conversation.CrisisWindow}, its one writer.
 *
 * @param enabled       run campaign workers on this instance (every instance may; they share the work through Redis)
 * @param workers       sending threads per instance
 * @param lease         how long a recipient handed to a worker stays with it; after that another instance reconciles
 *                      it with the provider (it must be well above the provider's HTTP timeout)
 * @param maxAttempts   sends of one message before a retryable failure (429, 5xx, network) counts as failed
 * @param retryBackoff  first retry delay; doubles each attempt
 * @param maxRate       highest sending rate a campaign may ask for (messages per second)
 * @param importMaxRows longest CSV import accepted
 * @param listRetention how long a contact's list record (its encrypted address and consent evidence) is kept after it
 *                      was last written (joined, imported, opted out or back in); after that the contact is off the
 *                      list and their consent record is gone, as retention requires
 */
@ConfigurationProperties("helpline.campaigns")
public record CampaignConfiguration(@Bindable(defaultValue = "true") boolean enabled,
                                    @Bindable(defaultValue = "4") int workers,
                                    @Bindable(defaultValue = "60s") Duration lease,
                                    @Bindable(defaultValue = "5") int maxAttempts,
                                    @Bindable(defaultValue = "2s") Duration retryBackoff,
                                    @Bindable(defaultValue = "2000") double maxRate,
                                    @Bindable(defaultValue = "200000") int importMaxRows,
                                    @Bindable(defaultValue = "365d") Duration listRetention) {
}
