package org.helpline.gateway.cases;

/**
 * Where the counsellor referred the young person, recorded apart from the {@link Outcome} (a case can be referred to
 * several places). The groups follow the referral destinations Child Helpline International's data framework asks
 * helplines to count.
 */
public enum Referral {
    NONE("No referral"),
    POLICE("Police"),
    CHILD_PROTECTION("Child protection / social services"),
    HEALTH("Health service"),
    MENTAL_HEALTH("Mental health service"),
    SCHOOL("School or education service"),
    LEGAL_AID("Legal aid"),
    OTHER_ORGANISATION("Another helpline or organisation");

    private final String label;

    Referral(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
