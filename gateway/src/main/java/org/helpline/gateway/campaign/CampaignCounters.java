package org.helpline.gateway.campaign;

/**
 * What the campaign runner reports per recipient, for the metrics ({@code metrics/CampaignMeters}); {@link #NONE} for
 * a runner built without the application context.
 */
public interface CampaignCounters {
    CampaignCounters NONE = status -> {
    };

    /** A recipient this instance finished (accepted, failed, opted_out, skipped), deferred or set to retry. */
    void recipient(String status);
}
