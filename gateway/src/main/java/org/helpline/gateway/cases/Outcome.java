package org.helpline.gateway.cases;

/**
 * How a case ended. The last two are never chosen by a counsellor (the close form does not offer them and the API
 * refuses them): the gateway records them itself when a wait ends without a counsellor, so that the reports count
 * every contact, as statutory and Child Helpline International reporting do, those who gave up waiting too.
 */
public enum Outcome {
    SUPPORTED("Listened to and supported"),
    INFORMATION_GIVEN("Information or advice given"),
    REFERRED_SERVICE("Referred to another service"),
    REFERRED_EMERGENCY("Referred to emergency services"),
    NO_RESPONSE("Young person stopped responding"),
    ENDED_BY_YOUNG_PERSON("Young person ended the chat"),
    /** The liveness job ended the wait: the young person had been silent for {@code abandon-after}. */
    ENDED_WAITING("Ended while waiting: the young person went silent"),
    /** The young person texted STOP (or another opt-out word) while in the queue. */
    OPTED_OUT_WAITING("Left while waiting: the young person opted out (STOP)");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * True for the outcomes the gateway records when a wait ended without a counsellor ({@link #ENDED_WAITING},
     * {@link #OPTED_OUT_WAITING}); false for those a counsellor gives at close.
     */
    public boolean endedWaiting() {
        return this == ENDED_WAITING || this == OPTED_OUT_WAITING;
    }

    /** Escalated beyond the helpline: counted in the reports' escalations with HIGH/IMMINENT cases. */
    public boolean referral() {
        return this == REFERRED_SERVICE || this == REFERRED_EMERGENCY;
    }
}
