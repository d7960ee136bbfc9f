package org.helpline.nlp;

import java.util.Locale;

/** What a free-text message is about. The label is the corpus label (lower snake case). */
public enum Intent {
    GREETING,
    TALK_TO_COUNSELLOR,
    CYBERBULLYING,
    GROOMING,
    SEXTORTION,
    ONLINE_SEXUAL_EXPLOITATION,
    SELF_HARM_SUICIDE,
    ABUSE_AT_HOME,
    HACKED_OR_PRIVACY,
    ONLINE_SAFETY_INFO,
    THANKS_GOODBYE,
    OTHER;

    /** The corpus label, e.g. {@code self_harm_suicide}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a corpus label; unknown labels are an error, not {@link #OTHER}. */
    public static Intent fromLabel(String label) {
        return Intent.valueOf(label.trim().toUpperCase(Locale.ROOT));
    }
}
