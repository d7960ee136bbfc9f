package org.helpline.dialogue.flow;

import java.util.Set;
import org.helpline.nlp.Intent;

/**
 * A router case's test on the inbound message. In flow files:
 * <pre>
 * - keywords: menu.option.bullying   # message key: its translation lists choices, "2|bullying|bullied"
 *   goto: bullying:start
 * - intent: [cyberbullying]          # the classifier's intent, if confident enough
 *   min_confidence: 0.6
 *   goto: bullying:start
 * </pre>
 */
public sealed interface Condition {
    /**
     * The message (normalised) equals one of the choices of the translated key, or, with {@code contains}, holds one
     * of them as whole words.
     */
    record Keywords(String messageKey, boolean contains) implements Condition {
    }

    /** The classified intent is one of {@code intents} with at least {@code minConfidence}. */
    record IntentIs(Set<Intent> intents, double minConfidence) implements Condition {
    }
}
