package org.helpline.dialogue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.text.Normalizer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.helpline.dialogue.event.ConsentGiven;
import org.helpline.dialogue.event.ErasureRequested;
import org.helpline.dialogue.event.EscalationRequested;
import org.helpline.dialogue.event.Event;
import org.helpline.dialogue.event.FlowEnded;
import org.helpline.dialogue.event.HelpRequested;
import org.helpline.dialogue.event.LanguageChanged;
import org.helpline.dialogue.event.LanguageUnsupported;
import org.helpline.dialogue.event.ListJoined;
import org.helpline.dialogue.event.MediaRefused;
import org.helpline.dialogue.event.OptedIn;
import org.helpline.dialogue.event.OptedOut;
import org.helpline.dialogue.event.QuietExit;
import org.helpline.dialogue.event.RiskAssessed;
import org.helpline.dialogue.event.SafeContactChanged;
import org.helpline.dialogue.event.SessionExpired;
import org.helpline.dialogue.event.TrainingConsentGiven;
import org.helpline.dialogue.event.TrainingConsentWithdrawn;
import org.helpline.dialogue.flow.Action;
import org.helpline.dialogue.flow.Case;
import org.helpline.dialogue.flow.Condition;
import org.helpline.dialogue.flow.FlowLoader;
import org.helpline.dialogue.flow.FlowSet;
import org.helpline.dialogue.flow.Node;
import org.helpline.dialogue.flow.Target;
import org.helpline.dialogue.flow.Trigger;
import org.helpline.nlp.Classification;
import org.helpline.nlp.ConversationRisk;
import org.helpline.nlp.Intent;
import org.helpline.nlp.LanguageGuess;
import org.helpline.nlp.RiskAssessment;
import org.helpline.nlp.RiskTier;
import org.helpline.nlp.TextNormaliser;

/**
 * The flow engine: {@code (session, input) → step}. It performs no I/O and keeps no state between calls; the same
 * inputs always give the same step. Order of handling for each message:
 * <ol>
 *   <li>carrier keywords (STOP…, START…, HELP, INFO), before any flow;</li>
 *   <li>media is refused (never opened) and the texter told so;</li>
 *   <li>the quiet exit ("gtg"): no reply at all, nothing unprompted afterwards;</li>
 *   <li>a message confidently in a language we do not ship ({@code Classification.written()}) gets the short
 *   multilingual answer with the emergency number and goes to a counsellor, before consent too, never a flow in
 *   a language the young person did not write;</li>
 *   <li>a new or expired conversation is (re)started; a new one's language is settled from its first message or
 *   the number's country when either is clear ({@code settleLanguage}), else the welcome asks;</li>
 *   <li>safe-contact mode: "not safe to text back" (or "safe again") anywhere in a message;</li>
 *   <li>the training-consent withdrawal keyword ({@code training.withdraw}: NOLEARN ...) as the whole message, also
 *   for an opted-out contact;</li>
 *   <li>risk: HIGH or IMMINENT anywhere escalates; IMMINENT, and any explicit statement of suicide or self-harm,
 *   also sends the emergency numbers at once;</li>
 *   <li>global triggers ("counsellor", "help", "talk to someone", "menu");</li>
 *   <li>the current node's router.</li>
 * </ol>
 */
public final class Engine {
    private static final int MAX_HOPS = 32;
    /**
     * The input variable naming the usual language of the texter's country (ISO 639-1; the gateway's country table,
     * configurable per country), which settles a new conversation's language when its first message does not.
     */
    public static final String COUNTRY_LANGUAGE = "country_language";
    /**
     * A first message settles its language when the detector finds a shipped language more likely than any other it
     * knows ({@code Classification.written()}'s share above this: 0.5 is "more likely than the best language we do
     * not ship"). Lower than {@code other_language_share}: choosing among shipped languages is undone with one word
     * ("english"), sending someone down the other-language path is not.
     */
    static final double CLEAR_SHARE = 0.5;
    private final FlowSet flows;
    /** Each keyword condition's choices, normalised once: (language, message key) to options. */
    private final Map<String, List<String>> options = new ConcurrentHashMap<>();

    public Engine(FlowSet flows) {
        this.flows = flows;
    }

    public FlowSet flows() {
        return flows;
    }

    /** The global trigger a message would fire in this language, if any (e.g. the erasure keyword). */
    public Optional<Target> triggerTarget(String text, String language) {
        String normal = normalForKeywords(text);
        for (Trigger t : flows.triggers()) {
            if (t.condition() instanceof Condition.Keywords k && keywordMatch(k, normal, language)) {
                return Optional.of(t.target());
            }
        }
        return Optional.empty();
    }

    /** What a message asks of safe-contact mode. */
    public enum SafetyCommand {
        /** Not safe to text back: answers to their own messages only. */
        NOT_SAFE,
        /** Safe to text again. */
        SAFE_AGAIN,
        /** End now, no reply. */
        QUIET_EXIT,
        /** End now, no reply, and erase. */
        QUIET_EXIT_AND_ERASE;

        boolean quiet() {
            return this == QUIET_EXIT || this == QUIET_EXIT_AND_ERASE;
        }
    }

    private static final Condition.Keywords EXIT_ERASE = new Condition.Keywords("safe_contact.exit_erase", false);
    private static final Condition.Keywords EXIT = new Condition.Keywords("safe_contact.exit", false);
    private static final Condition.Keywords SAFE_AGAIN = new Condition.Keywords("safe_contact.safe_again", true);
    private static final Condition.Keywords NOT_SAFE = new Condition.Keywords("safe_contact.not_safe", true);
    /**
     * The bare words ("NOT SAFE", as the welcome teaches them) only as the whole message: inside one, "i'm not safe
     * at home" is a disclosure of danger, and holding the counsellor's replies would be the wrong answer to it.
     */
    private static final Condition.Keywords NOT_SAFE_WORD = new Condition.Keywords("safe_contact.not_safe_word",
            false);

    /**
     * The safe-contact command a message is, if any, in this language or the default one: the quiet exit words are the
     * whole message; "not safe" and "safe again" phrases anywhere in it. The gateway asks too, so that a message a
     * counsellor holds still reaches the engine when it is one.
     */
    public Optional<SafetyCommand> safetyCommand(String text, String language) {
        String normal = normalForKeywords(text);
        if (keywordMatch(EXIT_ERASE, normal, language)) {
            return Optional.of(SafetyCommand.QUIET_EXIT_AND_ERASE);
        }
        if (keywordMatch(EXIT, normal, language)) {
            return Optional.of(SafetyCommand.QUIET_EXIT);
        }
        if (keywordMatch(SAFE_AGAIN, normal, language)) {
            return Optional.of(SafetyCommand.SAFE_AGAIN);
        }
        if (keywordMatch(NOT_SAFE_WORD, normal, language) || keywordMatch(NOT_SAFE, normal, language)) {
            return Optional.of(SafetyCommand.NOT_SAFE);
        }
        return Optional.empty();
    }

    /** A conversation that has not started yet, in the given language if shipped, else the default one. */
    public Session newSession(String language) {
        return Session.fresh(flows.languages().contains(language) ? language : flows.defaultLanguage());
    }

    /** Runs one inbound message through the conversation. */
    public Step resume(Session session, Input input) {
        Run run = new Run(session, input);
        run.handle();
        return run.step();
    }

    /**
     * The counsellor closed the conversation: the escalation is over and the bot resumes at the menu. Returns the
     * step with the menu prompt to send.
     */
    public Step release(Session session, Input input) {
        // the case is closed: what the conversation had accumulated was for the counsellor who has now seen it
        Run run = new Run(session.withEscalatedRisk(RiskTier.NONE).withRunningRisk(0), input);
        run.enter(flows.menu());
        return run.step();
    }

    /** One message's worth of work: mutable, never shared. */
    private final class Run {
        private Session session;
        private final Input input;
        /** The message normalised for keyword conditions, once per message (computed at the first condition). */
        private String normalText;
        private final List<String> replies = new ArrayList<>();
        private final List<Event> events = new ArrayList<>();
        private final Map<String, String> variables;
        /** The key of the last reply said, starting from the previous message's. */
        private String lastSaid;

        Run(Session session, Input input) {
            this.session = session;
            this.lastSaid = session.lastSaid();
            this.input = input;
            Map<String, String> vars = new HashMap<>(input.variables());
            this.variables = vars;
        }

        Step step() {
            if (!Objects.equals(lastSaid, session.lastSaid())) {
                session = session.withLastSaid(lastSaid);
            }
            return new Step(session, replies, events);
        }

        void handle() {
            Classification c = input.classification();
            Optional<CarrierKeywords.Kind> keyword = CarrierKeywords.kind(input.text());
            if (keyword.isPresent() && carrierKeyword(keyword.get())) {
                return;
            }
            if (session.optedOut()) {
                if (trainingWithdrawal()) {
                    return; // withdrawing consent never waits for START
                }
                // No flow runs for an opted-out contact, but a message in danger still reaches a human.
                say("system.still_opted_out");
                escalateOnRisk(c, false);
                return;
            }
            boolean expired = session.started() && session.lastActivityAt() != null
                    && session.lastActivityAt().plus(flows.inactivityTimeout()).isBefore(input.at());
            session = session.withLastActivity(input.at());
            if (!session.started() && !session.languageChosen()) {
                settleLanguage(c);
            }
            Optional<SafetyCommand> command = safetyCommand(input.text(), session.language());
            if (command.isPresent() && command.get().quiet()) {
                quietExit(command.get() == SafetyCommand.QUIET_EXIT_AND_ERASE);
                return;
            }
            if (input.mediaCount() > 0) {
                say("system.media_refused");
                events.add(new MediaRefused(input.mediaCount()));
            }
            if (inOtherLanguage(c)) {
                return;
            }
            boolean fresh = false;
            if (!session.started()) {
                enter(flows.welcome());
                fresh = true;
            } else if (expired && session.escalatedRisk() == RiskTier.NONE
                    && !(!session.consented() && saysYes())) {
                // (a "yes" to the notice they were shown is consent, however long they took: never the notice again)
                Target back = session.consented() ? flows.returning() : flows.welcome();
                events.add(new SessionExpired(back.toString()));
                enter(back);
                fresh = true;
            }
            if (input.text().isBlank()) {
                return;
            }
            noteTopic(c);
            if (command.isPresent()) {
                // said alongside anything else (even a crisis): the mode changes, and the risk is still assessed
                boolean safe = command.get() == SafetyCommand.SAFE_AGAIN;
                if (session.notSafeToText() == safe) {
                    session = session.withNotSafeToText(!safe);
                    events.add(new SafeContactChanged(safe));
                }
                say(safe ? "safe_contact.resumed" : "safe_contact.confirmed");
                escalateOnRisk(c, true);
                return;
            }
            if (trainingWithdrawal()) {
                return;
            }
            if (escalateOnRisk(c, true)) {
                return;
            }
            for (Trigger t : flows.triggers()) {
                // before consent only the way to a person and erasure work: the menu needs the notice accepted
                boolean allowed = session.consented() || t.beforeConsent();
                if (allowed && matches(t.condition(), c)) {
                    enter(t.target());
                    return;
                }
            }
            if (fresh) {
                return; // the message opened (or reopened) the conversation; its prompt has been sent
            }
            route(c);
        }

        /**
         * The language of a conversation's first message, settled without asking when it is clear. The message wins
         * when it is clearly in a shipped language: the detector's best of all its languages is a shipped one, more
         * likely than any we do not ship ({@code Classification.written()} share above {@link #CLEAR_SHARE}), and the
         * same as its best shipped one. Else the number's country (the input variable {@link #COUNTRY_LANGUAGE}: the
         * gateway's country table, which a deployment configures) gives the language, settled unless the message
         * leans to another shipped language (then the welcome still asks). Else the detector's guess among the
         * shipped languages (the default one for a message surely in a language we do not ship) is used and the
         * welcome asks the language question.
         */
        private void settleLanguage(Classification c) {
            LanguageGuess written = c.written();
            String country = input.variables().get(COUNTRY_LANGUAGE);
            boolean shippedWritten = written != null && flows.languages().contains(written.language());
            if (shippedWritten && written.confidence() > CLEAR_SHARE && written.language().equals(c.language())) {
                session = session.withLanguage(written.language()).withLanguageChosen();
            } else if (country != null && flows.languages().contains(country)) {
                boolean leansElsewhere = written != null && flows.languages().contains(c.language())
                        && !c.language().equals(country);
                session = session.withLanguage(country);
                if (!leansElsewhere) {
                    session = session.withLanguageChosen();
                }
            } else if (written != null && !shippedWritten && written.confidence() >= flows.otherLanguageShare()) {
                // surely a language we do not ship: the default language leads the multilingual line, not whichever
                // shipped language the detector finds least unlike it
                session = session.withLanguage(flows.defaultLanguage());
            } else if (flows.languages().contains(c.language())) {
                session = session.withLanguage(c.language());
            }
        }

        /**
         * A message confidently in a language we do not ship: no flow runs (its prompts would be in a language the
         * young person did not write), the conversation goes to a counsellor at LOW or the message's risk tier if
         * higher, and the young person gets the multilingual line (every shipped language, with the emergency
         * number) the first time, when the tier rises or in danger; a short multilingual "a counsellor will read
         * this" after that. Once sure of such a language, later messages stay on this path until one is in a
         * shipped language (the detector's best, however unsure) or is a global keyword ("english", "menu"). A conversation not started stays so: when they write in a shipped language, the
         * privacy notice comes then. Returns true when it handled the message.
         */
        private boolean inOtherLanguage(Classification c) {
            LanguageGuess written = c.written();
            boolean sure = written != null && written.confidence() >= flows.otherLanguageShare();
            boolean shipped = written != null && flows.languages().contains(written.language());
            if (input.text().isBlank()) {
                return false;
            }
            if (shipped || triggerTarget(input.text(), session.language()).isPresent()) {
                // they write in a language we ship ("english", "menu" or "counsellor" too): the flows again
                session = session.withWritesIn(null);
                return false;
            }
            if (!(sure && !shipped) && session.writesIn() == null) {
                return false;
            }
            // sure it is another language; or one we were sure of before and nothing sure says otherwise ("ok", a
            // short message the detector cannot place)
            String language = sure ? written.language() : session.writesIn();
            double share = sure ? written.confidence() : 0;
            boolean told = language.equals(session.writesIn());
            session = session.withWritesIn(language);
            events.add(new LanguageUnsupported(language, share));
            session = session.withRunningRisk(ConversationRisk.next(session.runningRisk(), c.risk().evidence()));
            RiskTier tier = c.risk().tier();
            if (tier != RiskTier.NONE) {
                events.add(new RiskAssessed(tier, c.risk().reasons()));
            }
            RiskTier queued = RiskTier.max(RiskTier.LOW, tier);
            boolean raised = queued.compareTo(session.escalatedRisk()) > 0;
            if (raised) {
                List<String> reasons = new ArrayList<>();
                reasons.add(String.format(Locale.ROOT, "writes in a language we do not ship: %s (share %.2f); "
                        + "a counsellor who reads it", language, share));
                reasons.addAll(c.risk().reasons());
                events.add(new EscalationRequested(tier.atLeast(RiskTier.HIGH) ? "risk" : "other_language", queued,
                        reasons));
                session = session.withEscalatedRisk(queued);
                if (session.started()) {
                    session = session.at(flows.waiting().flow(), flows.waiting().node());
                }
            }
            if (!told || (raised && tier.atLeast(RiskTier.HIGH)) || c.risk().needsEmergencyNumbers()) {
                sayInEveryLanguage("system.other_language", "\n");
            } else {
                sayInEveryLanguage("system.other_language_noted", " / ");
            }
            return true;
        }

        /** Returns true when the keyword fully handled the message. */
        private boolean carrierKeyword(CarrierKeywords.Kind kind) {
            String word = CarrierKeywords.word(input.text()).orElseThrow();
            switch (kind) {
                case OPT_OUT -> {
                    // waiting for or talking with a counsellor: the opt-out takes them out of the line too (the
                    // gateway withdraws the queue entry and tells the counsellor who holds it)
                    boolean inLine = session.escalatedRisk() != RiskTier.NONE;
                    session = session.withOptedOut(true).withLastActivity(input.at());
                    if (inLine) {
                        Target out = session.consented() ? flows.menu() : flows.welcome();
                        session = session.withEscalatedRisk(RiskTier.NONE).withRunningRisk(0)
                                .at(out.flow(), out.node());
                    }
                    variables.put("keyword", word);
                    say(inLine ? "system.opted_out_waiting" : "system.opted_out");
                    events.add(new OptedOut(word));
                    return true;
                }
                case OPT_IN -> {
                    if (!session.optedOut()) {
                        return false; // "yes" is an ordinary answer for a subscribed contact (e.g. consent)
                    }
                    session = session.withOptedOut(false).withLastActivity(input.at());
                    say("system.opted_in");
                    events.add(new OptedIn());
                    return true;
                }
                case HELP, INFO -> {
                    session = session.withOptedOut(false).withLastActivity(input.at());
                    say("system.help");
                    events.add(new HelpRequested());
                    if (kind == CarrierKeywords.Kind.HELP) {
                        // "help" works from anywhere: a young person texting HELP gets a person.
                        enter(flows.counsellor());
                    }
                    return true;
                }
                default -> throw new IllegalStateException();
            }
        }

        /**
         * The withdrawal keyword, as the whole message: training consent is cleared, the young person told so in one
         * short line, and the conversation stays where it was (the same node, the same place in line). The event is
         * emitted whether or not consent was on record, so that the caller forgets whatever it may hold.
         */
        private boolean trainingWithdrawal() {
            if (!matches(TRAINING_WITHDRAW, input.classification())) {
                return false;
            }
            withdrawTraining(TrainingConsentWithdrawn.KEYWORD);
            say("training.withdrawn");
            return true;
        }

        private void withdrawTraining(String reason) {
            session = session.withTrainingConsent(null);
            events.add(new TrainingConsentWithdrawn(reason));
        }

        /**
         * The quiet exit: no reply at all, nothing unprompted afterwards. Out of the line unless it is escalated HIGH
         * or above (then a counsellor must still see it: the entry stays).
         */
        private void quietExit(boolean erase) {
            boolean stillInLine = session.escalatedRisk().atLeast(RiskTier.HIGH);
            session = session.withNotSafeToText(true);
            if (!stillInLine && session.started()) {
                Target out = session.consented() ? flows.menu() : flows.welcome();
                session = session.withEscalatedRisk(RiskTier.NONE).withRunningRisk(0).at(out.flow(), out.node());
            }
            if (erase) {
                withdrawTraining(TrainingConsentWithdrawn.ERASURE);
            }
            events.add(new QuietExit(erase, stillInLine));
        }

        /** HIGH or IMMINENT risk escalates from anywhere. Returns true when the message was handled. */
        private boolean escalateOnRisk(Classification c, boolean moveToWaiting) {
            double running = ConversationRisk.next(session.runningRisk(), c.risk().evidence());
            session = session.withRunningRisk(running);
            if (!c.risk().tier().atLeast(RiskTier.HIGH) && ConversationRisk.high(running)
                    && !session.escalatedRisk().atLeast(RiskTier.HIGH)) {
                // several worrying messages close together: the conversation is HIGH though no message alone is
                // (once it is escalated at HIGH, the running score has done its work: later messages are themselves)
                List<String> reasons = new ArrayList<>();
                reasons.add(String.format(Locale.ROOT,
                        "conversation: several messages together suggest risk (running score %.1f)", running));
                reasons.addAll(c.risk().reasons());
                c = new Classification(c.language(), c.intent(), c.intentConfidence(), new RiskAssessment(
                        RiskTier.HIGH, reasons, c.risk().aboutThirdParty(), c.risk().explicit(), c.risk().evidence()));
            }
            RiskTier tier = c.risk().tier();
            if (tier != RiskTier.NONE) {
                events.add(new RiskAssessed(tier, c.risk().reasons()));
            }
            if (!tier.atLeast(RiskTier.HIGH)) {
                return false;
            }
            boolean raised = tier.compareTo(session.escalatedRisk()) > 0;
            if (raised) {
                boolean failure = c.risk().reasons().stream().anyMatch(r -> r.startsWith("classifier unavailable"));
                events.add(new EscalationRequested(failure ? "classifier_failure" : "risk", tier, c.risk().reasons()));
                session = session.withEscalatedRisk(tier);
                if (c.risk().needsEmergencyNumbers()) {
                    say("system.risk_imminent");
                }
                say("system.risk_high");
            } else if (c.risk().needsEmergencyNumbers()) {
                // danger now, or an explicit statement of suicide or self-harm: the emergency numbers, every time
                say("system.risk_imminent");
            }
            if (moveToWaiting) {
                session = session.at(flows.waiting().flow(), flows.waiting().node());
                if (!raised && !c.risk().needsEmergencyNumbers()) {
                    // already in line at this tier: the waiting node answers it (the advice for what they said, or
                    // "the counsellor will see this"), never silence
                    route(c);
                } else {
                    // what the crisis message also asks for ("my nudes are being shared": the report routes) is
                    // answered too, by the waiting node's keyword cases only
                    routeKeywords(c);
                }
            }
            return true;
        }

        private void routeKeywords(Classification c) {
            Node node = flows.node(new Target(session.flow(), session.node()));
            for (Case k : node.cases()) {
                if (k.consented() == null && k.condition() instanceof Condition.Keywords && matches(k.condition(), c)) {
                    enter(k.target());
                    return;
                }
            }
        }

        private void route(Classification c) {
            Node node = flows.node(new Target(session.flow(), session.node()));
            for (Case k : node.cases()) {
                if ((k.consented() == null || k.consented() == session.consented()) && matches(k.condition(), c)) {
                    enter(k.target());
                    return;
                }
            }
            if (node.other() != null && node.reroute()) {
                reroute(node.other(), c);
                return;
            }
            if (node.other() != null) {
                enter(node.other());
                return;
            }
            say("system.not_understood");
            node.say().forEach(this::say);
        }

        /**
         * A message that was not an answer to the node it came to ({@code reroute: true}): handled as if written at
         * the waiting node {@code target} leads to, by that node's cases; when none takes it, that node is entered as
         * usual (its prompt).
         */
        private void reroute(Target target, Classification c) {
            Node waiting = enter(target, false);
            for (Case k : waiting.cases()) {
                if ((k.consented() == null || k.consented() == session.consented()) && matches(k.condition(), c)) {
                    enter(k.target());
                    return;
                }
            }
            waiting.say().forEach(this::say);
        }

        void enter(Target target) {
            enter(target, true);
        }

        /**
         * Enters {@code target} and moves on until a node waits; returns that node. {@code speak} false: the waiting
         * node's own lines are not said (the caller routes the message there first).
         */
        private Node enter(Target target, boolean speak) {
            Target at = target;
            for (int hop = 0; hop < MAX_HOPS; hop++) {
                if (!session.consented() && at.flow().equals(flows.menu().flow())) {
                    at = flows.welcome(); // the menu needs the privacy notice accepted, whatever route led here
                }
                if (session.started() && !session.flow().equals(at.flow())) {
                    events.add(new FlowEnded(session.flow()));
                }
                session = session.at(at.flow(), at.node());
                Node node = flows.node(at);
                node.actions().forEach(this::act);
                if (node.waits()) {
                    if (speak) {
                        node.say().forEach(this::say);
                    }
                    return node;
                }
                node.say().forEach(this::say);
                if (node.nextIfTrainingMinAge() != null && flows.trainingMinAge() > 0) {
                    at = node.nextIfTrainingMinAge();
                } else {
                    at = node.nextIfLanguageChosen() != null && session.languageChosen() ? node.nextIfLanguageChosen()
                            : node.next();
                }
            }
            throw new IllegalStateException("flow loop: more than " + MAX_HOPS + " nodes without a wait from " + target);
        }

        private void act(Action action) {
            if (action instanceof Action.Escalate e) {
                RiskTier tier = RiskTier.max(e.risk(), input.classification().risk().tier());
                if (tier.compareTo(session.escalatedRisk()) > 0) {
                    List<String> reasons = new ArrayList<>();
                    reasons.add("asked to talk to a counsellor");
                    reasons.addAll(input.classification().risk().reasons());
                    events.add(new EscalationRequested(e.reason(), tier, reasons));
                    session = session.withEscalatedRisk(tier);
                }
            } else if (action instanceof Action.SetLanguage l) {
                if (!l.language().equals(session.language())) {
                    session = session.withLanguage(l.language());
                    events.add(new LanguageChanged(l.language()));
                }
                if (!session.languageChosen()) {
                    session = session.withLanguageChosen();
                }
            } else if (action instanceof Action.Erase) {
                events.add(new ErasureRequested());
                // erasure takes training consent with everything else, whether or not the caller can erase at once
                withdrawTraining(TrainingConsentWithdrawn.ERASURE);
            } else if (action instanceof Action.JoinList) {
                events.add(new ListJoined(CarrierKeywords.word(input.text()).orElse("flow")));
            } else if (action instanceof Action.Consent) {
                if (!session.consented()) {
                    session = session.withConsent(input.at());
                    events.add(new ConsentGiven());
                }
            } else if (action instanceof Action.TrainingConsent t) {
                if (t.given() && !session.trainingConsented()) {
                    session = session.withTrainingConsent(input.at());
                    events.add(new TrainingConsentGiven());
                } else if (!t.given() && session.trainingConsented()) {
                    withdrawTraining(TrainingConsentWithdrawn.FLOW);
                }
            }
        }

        private boolean matches(Condition condition, Classification c) {
            if (condition instanceof Condition.Keywords k) {
                if (normalText == null) {
                    normalText = normalForKeywords(input.text());
                }
                return keywordMatch(k, normalText, session.language());
            }
            if (condition instanceof Condition.IntentIs i) {
                double min = i.minConfidence() < 0 ? flows.intentThreshold() : i.minConfidence();
                return i.intents().contains(c.intent()) && c.intentConfidence() >= min;
            }
            if (condition instanceof Condition.RiskAtLeast r) {
                return c.risk().tier().atLeast(r.tier());
            }
            if (condition instanceof Condition.TopicIs t) {
                return session.topic() != null && t.topics().contains(Intent.fromLabel(session.topic()))
                        && (t.and() == null || matches(t.and(), c));
            }
            if (condition instanceof Condition.AgeAtLeast a) {
                int minimum = a.minimum() == Condition.AgeAtLeast.TRAINING_MIN_AGE ? flows.trainingMinAge()
                        : a.minimum();
                return age(input.text(), session.language()).orElse(-1) >= minimum;
            }
            if (condition instanceof Condition.Known k) {
                String value = input.variables().get(k.variable());
                return value != null && !value.isBlank() && (k.and() == null || matches(k.and(), c));
            }
            return false;
        }

        private boolean saysYes() {
            if (normalText == null) {
                normalText = normalForKeywords(input.text());
            }
            return keywordMatch(YES, normalText, session.language());
        }

        /** What the young person disclosed, kept for the advice given while they wait (the last confident one). */
        private void noteTopic(Classification c) {
            if (TOPICS.contains(c.intent()) && c.intentConfidence() >= flows.intentThreshold()) {
                session = session.withTopic(c.intent().label());
            }
        }

        private void say(String key) {
            // never the same message twice in a row: its "_again" variant, when the flow has one, the second time
            String again = key + FlowLoader.AGAIN;
            if (key.equals(lastSaid) && flows.catalogue().has(session.language(), again)) {
                key = again;
            }
            lastSaid = key;
            replies.add(flows.catalogue().render(session.language(), key, variables(session.language())));
        }

        /**
         * One reply with the key said in every shipped language, the conversation's first, joined by
         * {@code separator}; {@code {languages}} is every shipped language's own name ({@code language.name}).
         */
        private void sayInEveryLanguage(String key, String separator) {
            lastSaid = key;
            List<String> order = new ArrayList<>(flows.languages());
            order.remove(session.language());
            order.add(0, session.language());
            String names = String.join(", ", flows.languages().stream()
                    .map(l -> flows.catalogue().raw(l, "language.name")).toList());
            List<String> lines = new ArrayList<>();
            for (String language : order) {
                Map<String, String> vars = variables(language);
                vars.put("languages", names);
                lines.add(flows.catalogue().render(language, key, vars));
            }
            replies.add(String.join(separator, lines));
        }

        /** Input values first, then the language's own default ("variable.<name>"), then the manifest's. */
        private Map<String, String> variables(String language) {
            Map<String, String> vars = new HashMap<>(flows.variables());
            flows.variables().keySet().forEach(name -> {
                if (flows.catalogue().has(language, "variable." + name)) {
                    vars.put(name, flows.catalogue().raw(language, "variable." + name));
                }
            });
            vars.putAll(variables);
            return vars;
        }
    }

    private static final Pattern EDGES = Pattern.compile("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$");

    /**
     * A keyword condition's choices are its translation split on {@code |}; they are matched in the conversation's
     * language and in the default language (young people mix them), on normalised text.
     */
    private boolean keywordMatch(Condition.Keywords k, String normal, String language) {
        if (normal.isEmpty()) {
            return false;
        }
        for (String lang : new LinkedHashSet<>(List.of(language, flows.defaultLanguage()))) {
            for (String option : options(lang, k.messageKey())) {
                if (k.contains() ? containsPhrase(normal, option) : normal.equals(option)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** 👍 👌 ✅ ✔ (with any skin tone or presentation selector) mean "ok" wherever a keyword is expected. */
    private static final Pattern YES_EMOJI = Pattern.compile(
            "(?:\\x{1F44D}|\\x{1F44C}|\\x{2705}|\\x{2714}|\\x{2611})[\\x{1F3FB}-\\x{1F3FF}\\x{FE0F}]*");
    private static final Condition.Keywords YES = new Condition.Keywords("choice.yes", false);
    private static final Condition.Keywords TRAINING_WITHDRAW = new Condition.Keywords("training.withdraw", false);
    /** Ages are from 7: smaller numbers are the menu's and the language question's options. */
    static final int YOUNGEST_AGE = 7;
    static final int OLDEST_AGE = 99;
    private static final Pattern AGE_TOKENS = Pattern.compile("\\p{L}+|\\p{N}+");

    /**
     * The age a message gives, if it is one: a single number from {@link #YOUNGEST_AGE} to {@link #OLDEST_AGE},
     * alone or with the words of {@code training.age_words} only (in the conversation's or the default language):
     * "15", "I'm 15", "15 years old", "tengo 15 años". Anything more ("15 and my dad hits me") is not an answer to
     * the age question, and is handled as the conversation would handle it.
     */
    Optional<Integer> age(String text, String language) {
        String plain = DIACRITICS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("")
                .toLowerCase(Locale.ROOT);
        Set<String> words = new java.util.HashSet<>();
        for (String lang : new LinkedHashSet<>(List.of(language, flows.defaultLanguage()))) {
            for (String option : flows.catalogue().raw(lang, "training.age_words").split("\\|")) {
                Matcher w = AGE_TOKENS.matcher(DIACRITICS.matcher(Normalizer.normalize(option, Normalizer.Form.NFKD))
                        .replaceAll("").toLowerCase(Locale.ROOT));
                while (w.find()) {
                    words.add(w.group());
                }
            }
        }
        Integer age = null;
        Matcher m = AGE_TOKENS.matcher(plain);
        while (m.find()) {
            String token = m.group();
            if (Character.isDigit(token.charAt(0))) {
                if (age != null || token.length() > 2 || !token.chars().allMatch(Character::isDigit)) {
                    return Optional.empty();
                }
                age = Integer.parseInt(token); // any script's digits
            } else if (!words.contains(token)) {
                return Optional.empty();
            }
        }
        return age != null && age >= YOUNGEST_AGE && age <= OLDEST_AGE ? Optional.of(age) : Optional.empty();
    }

    private static final Pattern DIACRITICS = Pattern.compile("\\p{M}+");
    /** Intents that are a disclosure worth topic advice while waiting. */
    private static final Set<Intent> TOPICS = EnumSet.of(Intent.SEXTORTION, Intent.GROOMING,
            Intent.ONLINE_SEXUAL_EXPLOITATION, Intent.CYBERBULLYING, Intent.SELF_HARM_SUICIDE, Intent.ABUSE_AT_HOME);

    private static String normalForKeywords(String text) {
        String t = text;
        if (t.indexOf('\u2705') >= 0 || t.indexOf('\u2714') >= 0 || t.indexOf('\u2611') >= 0
                || t.indexOf('\uD83D') >= 0) {
            t = YES_EMOJI.matcher(t).replaceAll(" ok ");
        }
        return EDGES.matcher(TextNormaliser.normalise(t)).replaceAll("");
    }

    private List<String> options(String language, String messageKey) {
        return options.computeIfAbsent(language + '\u0000' + messageKey, key -> {
            List<String> out = new ArrayList<>();
            for (String choice : flows.catalogue().raw(language, messageKey).split("\\|")) {
                String option = normalForKeywords(choice);
                if (!option.isEmpty()) {
                    out.add(option);
                }
            }
            return List.copyOf(out);
        });
    }

    private static boolean containsPhrase(String text, String phrase) {
        int from = 0;
        while (true) {
            int i = text.indexOf(phrase, from);
            if (i < 0) {
                return false;
            }
            int end = i + phrase.length();
            boolean startOk = i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1));
            boolean endOk = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
            if (startOk && endOk) {
                return true;
            }
            from = i + 1;
        }
    }
}
