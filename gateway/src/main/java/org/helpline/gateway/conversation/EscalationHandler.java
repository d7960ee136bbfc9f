package org.helpline.gateway.conversation;

import jakarta.inject.Singleton;
import java.util.Map;
import org.helpline.dialogue.Engine;
import org.helpline.dialogue.event.EscalationRequested;
import org.helpline.dialogue.event.LanguageUnsupported;
import org.helpline.gateway.privacy.Pseudonymiser;
import org.helpline.gateway.queue.EnqueueScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code EscalationRequested}: into the live queue before the reply goes, and the young person told their place. */
@Singleton
class EscalationHandler implements EventHandler<EscalationRequested> {
    private static final Logger LOG = LoggerFactory.getLogger(EscalationHandler.class);
    private final Escalations escalations;
    private final Engine engine;

    EscalationHandler(Escalations escalations, Engine engine) {
        this.escalations = escalations;
        this.engine = engine;
    }

    @Override
    public Class<EscalationRequested> event() {
        return EscalationRequested.class;
    }

    @Override
    public boolean needsLock() {
        return true;
    }

    @Override
    public int order() {
        return -1;
    }

    @Override
    public void handle(EscalationRequested er, Turn t) {
        String language = t.step.session().language();
        String writes = t.step.event(LanguageUnsupported.class).map(LanguageUnsupported::language).orElse(null);
        EnqueueScript.Result r = escalations.enqueue(t.attempt, er.risk(), er.reasons(), language, writes);
        LOG.info("conversation {}: escalation {} at {} ({})", Pseudonymiser.forLogs(t.id), r.outcome(), er.risk(),
                er.reason());
        if (r.outcome() == EnqueueScript.Outcome.ADDED && r.rank() >= 0) {
            t.replies.add(engine.flows().catalogue().render(language, "queue.position",
                    Map.of("position", Long.toString(r.rank() + 1))));
            escalations.rememberToldPosition(t.id, r.rank() + 1);
        }
    }
}
