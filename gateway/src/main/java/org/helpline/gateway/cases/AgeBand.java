package org.helpline.gateway.cases;

/** The young person's age as a case record keeps it (Child Helpline International's reporting bands). */
public enum AgeBand {
    UNDER_10("Under 10"), AGE_10_12("10–12"), AGE_13_15("13–15"), AGE_16_17("16–17"), AGE_18_24("18–24"),
    OVER_24("Over 24"), UNKNOWN("Not known");

    private final String label;

    AgeBand(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
