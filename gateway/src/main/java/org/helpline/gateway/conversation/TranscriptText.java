package org.helpline.gateway.conversation;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The sensitive part of a transcript line, stored only encrypted. */
@Serdeable
public record TranscriptText(String text, List<String> reasons) {
    @Override
    public String toString() {
        return "TranscriptText[redacted]";
    }
}
