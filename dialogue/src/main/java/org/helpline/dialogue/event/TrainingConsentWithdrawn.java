package org.helpline.dialogue.event;

/**
 * Training consent is withdrawn, or was never given: the caller forgets whatever it keeps of this texter for
 * training. Emitted whenever the young person texts the withdrawal keyword (NOLEARN, NOAPRENDER, ...), whether or not
 * consent was on record, on every erasure (DELETE then YES, GTG DELETE), and when a flow records
 * {@code training_consent: false} over a consent on record. Nothing else about the conversation changes.
 *
 * @param reason {@link #KEYWORD}, {@link #ERASURE} or {@link #FLOW}
 */
public record TrainingConsentWithdrawn(String reason) implements Event {
    /** The withdrawal keyword. */
    public static final String KEYWORD = "keyword";
    /** An erasure request, which wipes training consent with everything else. */
    public static final String ERASURE = "erasure";
    /** A flow's {@code training_consent: false}. */
    public static final String FLOW = "flow";
}
