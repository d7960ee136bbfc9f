package org.helpline.dialogue;

import java.time.Instant;
import java.util.Map;
import org.helpline.nlp.Classification;

/**
 * One inbound message as the engine sees it.
 *
 * @param text           the message text, possibly empty (media only)
 * @param mediaCount     number of media attachments (never opened)
 * @param at             when it arrived (from the caller's clock)
 * @param classification language, intent and risk of {@code text}, computed by the caller
 * @param variables      values for placeholders in replies: {@code emergency}, {@code helpline}, {@code hours_notice};
 *                       while the conversation waits in line, {@code position} and (when recent waits are known)
 *                       {@code minutes}, which flow conditions {@code known:} test
 */
public record Input(String text, int mediaCount, Instant at, Classification classification,
                    Map<String, String> variables) {
    public Input {
        text = text == null ? "" : text;
        variables = Map.copyOf(variables);
        if (at == null || classification == null) {
            throw new IllegalArgumentException("at and classification are required");
        }
    }
}
