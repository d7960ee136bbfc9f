package org.helpline.dialogue.flow;

import java.util.Set;
import org.helpline.nlp.Intent;
import org.helpline.nlp.RiskTier;

/**
 * A router case's test on the inbound message. In flow files:
 * <pre>
 * - keywords: menu.option.bullying   # message key: its translation lists choices, "2|bullying|bullied"
 *   goto: bullying:start
 * - intent: [cyberbullying]          # the classifier's intent, if confident enough
 *   min_confidence: 0.6
 *   goto: bullying:start
 * - risk: low                        # the message was assessed at least this tier (e.g. 😭😭😭 before consent)
 *   goto: worried
 * - topic: [sextortion]              # what the young person disclosed earlier (Session.topic)
 *   keywords: waiting.what_to_do     # ... and this message asks what to do
 *   goto: advice_sextortion
 * - known: minutes                   # the caller gave this placeholder a value (e.g. an estimated wait)
 *   keywords: waiting.ask.how_long
 *   goto: how_long_estimate
 * - age_at_least: training_min_age   # the message is an age ("15", "I'm 15") at least this (a number, or the
 *   goto: training_ask               # helpline's minimum age for training consent); 0: any age
 * </pre>
 */
public sealed interface Condition {
    /**
     * The message (normalised) equals one of the choices of the translated key, or, with {@code contains}, holds one
     * of them as whole words.
     */
    record Keywords(String messageKey, boolean contains) implements Condition {
    }

    /** The classified intent is one of {@code intents} with at least {@code minConfidence}. */
    record IntentIs(Set<Intent> intents, double minConfidence) implements Condition {
    }

    /** The message was assessed at least {@code tier}. */
    record RiskAtLeast(RiskTier tier) implements Condition {
    }

    /** The conversation's disclosed topic is one of {@code topics} and, when set, {@code and} holds too. */
    record TopicIs(Set<Intent> topics, Condition and) implements Condition {
    }

    /**
     * The caller gave the placeholder {@code variable} a value in this message's input (the gateway passes
     * {@code position} and {@code minutes} only while the conversation waits in line, {@code minutes} only when it
     * knows recent waits) and, when set, {@code and} holds too. The engine stays pure: the data comes in as input.
     */
    record Known(String variable, Condition and) implements Condition {
    }

    /**
     * The message is an age (a number from 7 to 99 alone, or with the language's {@code training.age_words}: "I'm
     * 15", "15 years old") of at least {@code minimum}, or of at least {@code FlowSet.trainingMinAge} when
     * {@code minimum} is {@link #TRAINING_MIN_AGE}. Smaller numbers are not ages: they are the menu's and the language
     * question's options, typed by someone who knows them.
     */
    record AgeAtLeast(int minimum) implements Condition {
        /** {@code age_at_least: training_min_age}: the helpline's configured minimum age for training consent. */
        public static final int TRAINING_MIN_AGE = -1;
    }
}
