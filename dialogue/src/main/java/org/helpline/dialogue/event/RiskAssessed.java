package org.helpline.dialogue.event;

import java.util.List;
import org.helpline.nlp.RiskTier;

/** A free-text message was assessed above {@code NONE}; recorded with the transcript for the counsellor. */
public record RiskAssessed(RiskTier tier, List<String> reasons) implements Event {
    public RiskAssessed {
        reasons = List.copyOf(reasons);
    }
}
