package org.helpline.dialogue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.helpline.nlp.RiskTier;

/**
 * A conversation's state between two messages. Plain data: the caller stores it (as {@link #toMap()}) and hands it
 * back with the next message. Nothing else about a conversation lives in the engine.
 *
 * @param flow           flow the conversation waits in; {@code null} for a conversation never started
 * @param node           node it waits at
 * @param language       ISO 639-1 language of replies
 * @param consentedAt    when the privacy notice was accepted, or {@code null}
 * @param lastActivityAt time of the last inbound message, or {@code null}
 * @param optedOut       the contact sent STOP and has not come back
 * @param escalatedRisk  tier of the current escalation, {@link RiskTier#NONE} when not escalated
 * @param runningRisk    the conversation's accumulated risk ({@code org.helpline.nlp.ConversationRisk}): a number,
 *                       never text
 * @param notSafeToText  the young person said it is not safe for us to text them: nothing unprompted may reach them
 *                       (queue updates, closing message, broadcasts, a counsellor's reply when they have not just
 *                       written), only answers to their own messages. The gateway enforces it at its send point
 * @param topic          what the young person disclosed last (an intent label such as {@code sextortion}), for the
 *                       advice given while they wait; {@code null} when nothing yet
 * @param lastSaid       the message key of the last reply, so that a reply is never the same twice in a row
 *                       ({@code <key>_again} is said instead when it exists)
 * @param writesIn       the language, not shipped, the young person last wrote in with confidence (they were told
 *                       once that we write in the shipped languages), or {@code null}
 * @param languageChosen the language is settled: the young person chose it (the language question, "français",
 *                       "ES" at the notice) or it was clear without asking (their first message, or their number's
 *                       country). The language question is asked only while it is false
 * @param trainingConsentAt when the young person said YES to their messages being used, without their number, to
 *                       improve how the helpline spots who needs help first; {@code null}: no such consent (never
 *                       asked, under the helpline's minimum age, said no, withdrew it, or erased). Separate from
 *                       {@link #consentedAt}, which is consent to the privacy notice only
 */
public record Session(String flow, String node, String language, Instant consentedAt, Instant lastActivityAt,
                      boolean optedOut, RiskTier escalatedRisk, double runningRisk, boolean notSafeToText,
                      String topic, String lastSaid, String writesIn, boolean languageChosen,
                      Instant trainingConsentAt) {

    /** The stored form's field for {@link #trainingConsentAt}: the gateway's training store reads it. */
    public static final String TRAINING_CONSENT_FIELD = "trainingConsentAt";

    /** The stored form's field for {@link #notSafeToText}: the gateway's send point reads it on its own. */
    public static final String NOT_SAFE_FIELD = "notSafeToText";

    public Session {
        if (language == null || language.isBlank()) {
            throw new IllegalArgumentException("language is required");
        }
        if ((flow == null) != (node == null)) {
            throw new IllegalArgumentException("flow and node go together");
        }
        escalatedRisk = escalatedRisk == null ? RiskTier.NONE : escalatedRisk;
        runningRisk = Double.isFinite(runningRisk) && runningRisk > 0 ? runningRisk : 0;
        writesIn = writesIn == null || writesIn.isBlank() ? null : writesIn;
    }

    public Session(String flow, String node, String language, Instant consentedAt, Instant lastActivityAt,
                   boolean optedOut, RiskTier escalatedRisk, double runningRisk, boolean notSafeToText, String topic,
                   String lastSaid, String writesIn, boolean languageChosen) {
        this(flow, node, language, consentedAt, lastActivityAt, optedOut, escalatedRisk, runningRisk, notSafeToText,
                topic, lastSaid, writesIn, languageChosen, null);
    }

    public Session(String flow, String node, String language, Instant consentedAt, Instant lastActivityAt,
                   boolean optedOut, RiskTier escalatedRisk) {
        this(flow, node, language, consentedAt, lastActivityAt, optedOut, escalatedRisk, 0, false, null, null, null,
                false);
    }

    public Session(String flow, String node, String language, Instant consentedAt, Instant lastActivityAt,
                   boolean optedOut, RiskTier escalatedRisk, double runningRisk) {
        this(flow, node, language, consentedAt, lastActivityAt, optedOut, escalatedRisk, runningRisk, false, null,
                null, null, false);
    }

    public Session(String flow, String node, String language, Instant consentedAt, Instant lastActivityAt,
                   boolean optedOut, RiskTier escalatedRisk, double runningRisk, boolean notSafeToText, String topic,
                   String lastSaid, String writesIn) {
        this(flow, node, language, consentedAt, lastActivityAt, optedOut, escalatedRisk, runningRisk, notSafeToText,
                topic, lastSaid, writesIn, false);
    }

    /** A conversation that has not started, in the given language. */
    public static Session fresh(String language) {
        return new Session(null, null, language, null, null, false, RiskTier.NONE);
    }

    public boolean started() {
        return flow != null;
    }

    public boolean consented() {
        return consentedAt != null;
    }

    /** Whether the young person's messages may be used for training (see {@link #trainingConsentAt}). */
    public boolean trainingConsented() {
        return trainingConsentAt != null;
    }

    public Session at(String newFlow, String newNode) {
        return new Session(newFlow, newNode, language, consentedAt, lastActivityAt, optedOut, escalatedRisk,
                runningRisk, notSafeToText, topic, lastSaid, writesIn,
                languageChosen, trainingConsentAt);
    }

    public Session withLanguage(String newLanguage) {
        return new Session(flow, node, newLanguage, consentedAt, lastActivityAt, optedOut, escalatedRisk, runningRisk,
                notSafeToText, topic, lastSaid, writesIn,
                languageChosen, trainingConsentAt);
    }

    public Session withConsent(Instant when) {
        return new Session(flow, node, language, when, lastActivityAt, optedOut, escalatedRisk, runningRisk,
                notSafeToText, topic, lastSaid, writesIn,
                languageChosen, trainingConsentAt);
    }

    public Session withLastActivity(Instant when) {
        return new Session(flow, node, language, consentedAt, when, optedOut, escalatedRisk, runningRisk,
                notSafeToText, topic, lastSaid, writesIn,
                languageChosen, trainingConsentAt);
    }

    public Session withOptedOut(boolean value) {
        return new Session(flow, node, language, consentedAt, lastActivityAt, value, escalatedRisk, runningRisk,
                notSafeToText, topic, lastSaid, writesIn,
                languageChosen, trainingConsentAt);
    }

    public Session withEscalatedRisk(RiskTier tier) {
        return new Session(flow, node, language, consentedAt, lastActivityAt, optedOut, tier, runningRisk,
                notSafeToText, topic, lastSaid, writesIn,
                languageChosen, trainingConsentAt);
    }

    public Session withRunningRisk(double score) {
        return new Session(flow, node, language, consentedAt, lastActivityAt, optedOut, escalatedRisk, score,
                notSafeToText, topic, lastSaid, writesIn,
                languageChosen, trainingConsentAt);
    }

    public Session withNotSafeToText(boolean value) {
        return new Session(flow, node, language, consentedAt, lastActivityAt, optedOut, escalatedRisk, runningRisk,
                value, topic, lastSaid, writesIn,
                languageChosen, trainingConsentAt);
    }

    public Session withTopic(String value) {
        return new Session(flow, node, language, consentedAt, lastActivityAt, optedOut, escalatedRisk, runningRisk,
                notSafeToText, value, lastSaid, writesIn,
                languageChosen, trainingConsentAt);
    }

    public Session withLastSaid(String key) {
        return new Session(flow, node, language, consentedAt, lastActivityAt, optedOut, escalatedRisk, runningRisk,
                notSafeToText, topic, key, writesIn,
                languageChosen, trainingConsentAt);
    }

    /** The same, with the language settled (see {@link #languageChosen}). */
    public Session withLanguageChosen() {
        return new Session(flow, node, language, consentedAt, lastActivityAt, optedOut, escalatedRisk, runningRisk,
                notSafeToText, topic, lastSaid, writesIn, true, trainingConsentAt);
    }

    public Session withWritesIn(String other) {
        return new Session(flow, node, language, consentedAt, lastActivityAt, optedOut, escalatedRisk, runningRisk,
                notSafeToText, topic, lastSaid, other,
                languageChosen, trainingConsentAt);
    }

    /** The same, with training consent given at {@code when}, or withdrawn ({@code null}). */
    public Session withTrainingConsent(Instant when) {
        return new Session(flow, node, language, consentedAt, lastActivityAt, optedOut, escalatedRisk, runningRisk,
                notSafeToText, topic, lastSaid, writesIn, languageChosen, when);
    }

    /** Whether a message may reach the young person without being an answer to one of theirs. */
    public boolean unpromptedAllowed() {
        return !optedOut && !notSafeToText;
    }

    /** The stored form: a flat string map (one Redis hash). Absent values are left out. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        if (flow != null) {
            m.put("flow", flow);
            m.put("node", node);
        }
        m.put("language", language);
        if (consentedAt != null) {
            m.put("consentedAt", IsoInstant.format(consentedAt));
        }
        if (lastActivityAt != null) {
            m.put("lastActivityAt", IsoInstant.format(lastActivityAt));
        }
        m.put("optedOut", Boolean.toString(optedOut));
        m.put("escalatedRisk", escalatedRisk.name());
        if (runningRisk > 0) {
            m.put("runningRisk", Double.toString(runningRisk));
        }
        if (notSafeToText) {
            m.put(NOT_SAFE_FIELD, "true");
        }
        if (topic != null) {
            m.put("topic", topic);
        }
        if (lastSaid != null) {
            m.put("lastSaid", lastSaid);
        }
        if (writesIn != null) {
            m.put("writesIn", writesIn);
        }
        if (languageChosen) {
            m.put("languageChosen", "true");
        }
        if (trainingConsentAt != null) {
            m.put(TRAINING_CONSENT_FIELD, IsoInstant.format(trainingConsentAt));
        }
        return m;
    }

    /**
     * Reads the stored form back. A field missing (a session stored before it existed) reads as its absent value:
     * no training consent, for one.
     *
     * @throws IllegalArgumentException when the map is not a valid stored session
     */
    public static Session fromMap(Map<String, String> m) {
        try {
            return new Session(m.get("flow"), m.get("node"), m.get("language"),
                    instant(m.get("consentedAt")), instant(m.get("lastActivityAt")),
                    Boolean.parseBoolean(m.get("optedOut")),
                    RiskTier.valueOf(m.getOrDefault("escalatedRisk", "NONE")),
                    Double.parseDouble(m.getOrDefault("runningRisk", "0")),
                    Boolean.parseBoolean(m.get(NOT_SAFE_FIELD)), m.get("topic"), m.get("lastSaid"),
                    m.get("writesIn"), Boolean.parseBoolean(m.get("languageChosen")),
                    instant(m.get(TRAINING_CONSENT_FIELD)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a stored session: " + e.getMessage(), e);
        }
    }

    private static Instant instant(String s) {
        return s == null ? null : IsoInstant.parse(s);
    }
}
