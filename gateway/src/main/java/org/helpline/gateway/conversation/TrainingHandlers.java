package org.helpline.gateway.conversation;

import jakarta.inject.Singleton;
import org.helpline.dialogue.event.TrainingConsentWithdrawn;
import org.helpline.gateway.training.TrainingStore;

/** Training consent taken back (the keyword, an erasure, a flow): what the store kept of the conversation goes. */
final class TrainingHandlers {
    private TrainingHandlers() {
    }

    @Singleton
    static final class Withdrawn implements EventHandler<TrainingConsentWithdrawn> {
        private final TrainingStore training;

        Withdrawn(TrainingStore training) {
            this.training = training;
        }

        @Override
        public Class<TrainingConsentWithdrawn> event() {
            return TrainingConsentWithdrawn.class;
        }

        @Override
        public boolean needsLock() {
            return true;
        }

        @Override
        public void handle(TrainingConsentWithdrawn e, Turn t) {
            training.withdraw(t.id);
        }
    }
}
