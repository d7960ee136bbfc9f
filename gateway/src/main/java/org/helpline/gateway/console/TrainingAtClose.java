package org.helpline.gateway.console;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.helpline.dialogue.Engine;
import org.helpline.dialogue.Session;
import org.helpline.gateway.cases.CaseRecords;
import org.helpline.gateway.conversation.ConversationStore;
import org.helpline.gateway.privacy.Pseudonymiser;
import org.helpline.gateway.training.PrivacyScrub;
import org.helpline.gateway.training.TrainingConfiguration;
import org.helpline.gateway.training.TrainingStore;
import org.helpline.nlp.Intent;
import org.helpline.nlp.RiskTier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At close, what the counsellor's review gives the training store: only when the young person said yes to the
 * training question (and has not taken it back), only what they wrote after saying yes (not the notice's answer, not
 * their age, not anything written before they agreed), only when the counsellor reviewed the risk, never for a young
 * person the counsellor recorded as younger than the training question's minimum age.
 */
@Singleton
public class TrainingAtClose {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingAtClose.class);
    private final ConversationStore store;
    private final TrainingStore training;
    private final TrainingConfiguration config;
    private final int minimumAge;

    public TrainingAtClose(ConversationStore store, TrainingStore training, TrainingConfiguration config,
                           Engine engine) {
        this.store = store;
        this.training = training;
        this.config = config;
        this.minimumAge = engine.flows().trainingMinAge();
    }

    /** The counsellor's marks in the close form. */
    public record Marks(Set<Integer> mattered, String names, Intent topic) {
    }

    /**
     * What the close form may offer: whether the young person said yes to the training question (and has not taken
     * it back), and the transcript indexes of the messages that may be kept (theirs, written after they agreed).
     */
    public record Eligible(boolean consented, List<Integer> indexes) {
        static final Eligible NONE = new Eligible(false, List.of());
    }

    public Eligible eligible(String conversation) {
        Session session = store.session(conversation).orElse(null);
        return eligible(session, session == null ? List.of() : store.transcript(conversation));
    }

    private Eligible eligible(Session session, List<ConversationStore.Line> lines) {
        if (!config.enabled() || session == null || !session.trainingConsented()) {
            return Eligible.NONE;
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            ConversationStore.Line l = lines.get(i);
            if ("in".equals(l.direction()) && after(l.at(), session.trainingConsentAt())) {
                out.add(i);
            }
        }
        return new Eligible(true, List.copyOf(out));
    }

    private static boolean after(String at, Instant consent) {
        try {
            return Instant.parse(at).isAfter(consent);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * Returns how many messages were kept. Never fails the close it follows: the case is closed and recorded by then,
     * and a training store that cannot be written loses training data, not the young person's case.
     */
    public int keep(String conversation, String escalatedTier, CaseRecords.Closing closing, Marks marks) {
        try {
            return keepOrFail(conversation, escalatedTier, closing, marks);
        } catch (RuntimeException e) {
            LOG.warn("conversation {}: nothing kept for training ({})",
                    Pseudonymiser.forLogs(conversation), e.getClass().getSimpleName());
            return 0;
        }
    }

    private int keepOrFail(String conversation, String escalatedTier, CaseRecords.Closing closing, Marks marks) {
        Session session = store.session(conversation).orElse(null);
        if (session == null || closing.reviewedTier() == null
                || TrainingStore.tooYoung(closing.ageBand(), minimumAge)) {
            return 0;
        }
        List<ConversationStore.Line> lines = store.transcript(conversation);
        List<TrainingStore.Said> said = new ArrayList<>();
        for (int i : eligible(session, lines).indexes()) {
            said.add(new TrainingStore.Said(i, lines.get(i).text()));
        }
        if (said.isEmpty()) {
            return 0;
        }
        return training.keep(conversation, session.language(), said, new TrainingStore.Labels(closing.reviewedTier(),
                RiskTier.valueOf(escalatedTier), marks.mattered(), PrivacyScrub.names(marks.names()), marks.topic()));
    }
}
