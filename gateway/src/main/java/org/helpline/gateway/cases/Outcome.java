package org.helpline.gateway.cases;

/** How a case ended. */
public enum Outcome {
    SUPPORTED("Listened to and supported"),
    INFORMATION_GIVEN("Information or advice given"),
    REFERRED_SERVICE("Referred to another service"),
    REFERRED_EMERGENCY("Referred to emergency services"),
    NO_RESPONSE("Young person stopped responding"),
    ENDED_BY_YOUNG_PERSON("Young person ended the chat");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Escalated beyond the helpline: counted in the reports' escalations with HIGH/IMMINENT cases. */
    public boolean referral() {
        return this == REFERRED_SERVICE || this == REFERRED_EMERGENCY;
    }
}
