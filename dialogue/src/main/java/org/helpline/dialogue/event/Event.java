package org.helpline.dialogue.event;

/**
 * Something the engine decided that the caller must act on (store, enqueue, record). Events are data: the engine
 * performs no I/O. Each type lives in its own file with an example of when it is produced.
 */
public sealed interface Event permits ConsentGiven, ErasureRequested, EscalationRequested, FlowEnded, HelpRequested,
        LanguageChanged, LanguageUnsupported, ListJoined, MediaRefused, OptedIn, OptedOut, QuietExit, RiskAssessed,
        SafeContactChanged, SessionExpired, TrainingConsentGiven, TrainingConsentWithdrawn {
}
