package org.helpline.gateway.console;

import io.micronaut.context.env.Environment;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.Set;
import org.helpline.gateway.queue.LivenessConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns at start-up, outside the development run, when the on-call webhook is configured without
 * {@code oncall-secret}: its receiver could not tell our alerts from anyone else's POST to the same URL.
 */
@Singleton
public class OnCallWebhookCheck implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(OnCallWebhookCheck.class);
    private final LivenessConfiguration config;
    private final Environment environment;

    public OnCallWebhookCheck(LivenessConfiguration config, Environment environment) {
        this.config = config;
        this.environment = environment;
    }

    /** The warning for {@code config} in the environments {@code active}, if there is one. */
    static Optional<String> warning(LivenessConfiguration config, Set<String> active) {
        boolean url = config.oncallUrl() != null && !config.oncallUrl().isBlank();
        boolean secret = config.oncallSecret() != null && !config.oncallSecret().isBlank();
        if (!url || secret || active.contains("dev")) {
            return Optional.empty();
        }
        return Optional.of("The on-call webhook is unsigned: set HELPLINE_LIVENESS_ONCALL_SECRET so that its receiver "
                + "can check X-Helpline-Signature (docs/operations.md, the on-call webhook)");
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        warning(config, environment.getActiveNames()).ifPresent(LOG::warn);
    }
}
