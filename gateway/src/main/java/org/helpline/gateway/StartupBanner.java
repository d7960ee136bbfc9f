package org.helpline.gateway;

import io.micronaut.context.env.Environment;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.helpline.gateway.config.HelplineConfiguration;
import org.helpline.gateway.redis.RedisConfiguration;
import org.helpline.gateway.twilio.TwilioConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells whoever started the service where to go and what it runs on. */
@Singleton
public class StartupBanner implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(StartupBanner.class);
    private final RedisConfiguration redis;
    private final TwilioConfiguration twilio;
    private final HelplineConfiguration helpline;
    private final Environment environment;

    public StartupBanner(RedisConfiguration redis, TwilioConfiguration twilio, HelplineConfiguration helpline,
                         Environment environment) {
        this.redis = redis;
        this.twilio = twilio;
        this.helpline = helpline;
        this.environment = environment;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        String base = event.getSource().getURL().toString().replace("://127.0.0.1", "://localhost");
        boolean simulator = environment.getProperty("helpline.simulator.enabled", Boolean.class).orElse(false);
        StringBuilder b = new StringBuilder("\n\n  Helpline gateway is running\n");
        if (simulator) {
            b.append("    Simulator:        ").append(base).append("/simulator\n");
        }
        b.append("    Health:           ").append(base).append("/health\n");
        b.append("    Twilio webhooks:  POST ").append(helpline.publicUrl() == null ? base : helpline.publicUrl())
                .append("/twilio/messages and /twilio/status");
        b.append(twilio.signaturesRequired() ? " (signatures required)\n"
                : helpline.allowUnsigned() ? " (UNSIGNED accepted: development only)\n" : " (refused: no auth token)\n");
        b.append("    Redis:            ").append(redis.embedded()
                ? "embedded server, data in " + redis.embeddedDir() : "REDIS_URL").append('\n');
        LOG.info(b.toString());
    }
}
