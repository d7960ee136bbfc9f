package org.helpline.dialogue.flow;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything the engine runs: the flows, their translations, the global triggers and the entry points, as loaded
 * and validated by {@link FlowLoader}.
 *
 * @param welcome           where a new conversation starts (privacy notice and consent)
 * @param menu              the main menu
 * @param counsellor        where a request for a person goes
 * @param waiting           where an escalated conversation waits for a counsellor
 * @param returning         where a consented texter resumes after the inactivity timeout
 * @param inactivityTimeout silence after which a conversation restarts
 * @param variables         default values of reply placeholders (emergency number, helpline number)
 * @param intentThreshold   default minimum intent confidence for intent cases
 * @param otherLanguageShare the detector's share ({@code Classification.written()}) above which a message is taken to
 *                          be in a language we do not ship, and answered by the multilingual line
 * @param trainingMinAge    the youngest age at which the training question is put ({@code training_min_age} in the
 *                          manifest, the gateway's configuration over it); 0: no minimum configured, the question
 *                          is put to everyone and no age is asked
 */
public record FlowSet(Map<String, Flow> flows, Catalogue catalogue, List<Trigger> triggers, String defaultLanguage,
                      Target welcome, Target menu, Target counsellor, Target waiting, Target returning,
                      Duration inactivityTimeout, Map<String, String> variables, double intentThreshold,
                      double otherLanguageShare, int trainingMinAge) {

    /** Message keys the engine itself speaks; every language must define them. */
    public static final List<String> SYSTEM_KEYS = List.of("system.opted_out", "system.opted_out_waiting", "system.opted_in",
            "system.still_opted_out", "system.help", "system.media_refused", "system.risk_high",
            "system.risk_imminent", "system.not_understood", "system.other_language", "system.other_language_noted",
            "safe_contact.confirmed", "safe_contact.resumed", "safe_contact.not_safe", "safe_contact.not_safe_word",
            "safe_contact.safe_again", "safe_contact.exit", "safe_contact.exit_erase", "language.name",
            "training.withdraw", "training.withdrawn", "training.age_words");

    /** The oldest minimum age a helpline may set for training consent (no child helpline serves above 25). */
    public static final int MAX_TRAINING_MIN_AGE = 25;

    public FlowSet {
        flows = Map.copyOf(flows);
        triggers = List.copyOf(triggers);
        variables = Map.copyOf(variables);
        if (trainingMinAge < 0 || trainingMinAge > MAX_TRAINING_MIN_AGE) {
            throw new IllegalArgumentException("training minimum age must be 0 (none) to " + MAX_TRAINING_MIN_AGE
                    + ", not " + trainingMinAge);
        }
    }

    /** The same flows with another minimum age for training consent (0: none), e.g. from the gateway's settings. */
    public FlowSet withTrainingMinAge(int age) {
        return new FlowSet(flows, catalogue, triggers, defaultLanguage, welcome, menu, counsellor, waiting, returning,
                inactivityTimeout, variables, intentThreshold, otherLanguageShare, age);
    }

    public Node node(Target target) {
        Flow flow = flows.get(target.flow());
        Node node = flow == null ? null : flow.nodes().get(target.node());
        if (node == null) {
            throw new IllegalStateException("no node " + target);
        }
        return node;
    }

    public List<String> languages() {
        return catalogue.languages();
    }
}
