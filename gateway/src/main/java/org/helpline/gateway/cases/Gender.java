package org.helpline.gateway.cases;

/** The young person's gender as they gave it, if they did: optional in a case record. */
public enum Gender {
    GIRL("Girl / young woman"), BOY("Boy / young man"), NON_BINARY("Non-binary"), OTHER("Another gender"),
    PREFER_NOT_TO_SAY("Prefer not to say"), NOT_ASKED("Not asked / not known");

    private final String label;

    Gender(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
