package org.helpline.nlp;

/** Assesses how urgently a message needs a human. Implementations must be thread-safe and favour recall. */
public interface RiskAssessor {
    RiskAssessment assess(String text, String language);
}
