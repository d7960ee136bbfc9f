package org.helpline.gateway.console;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First users: an ADMIN from {@code HELPLINE_CONSOLE_BOOTSTRAP_ADMIN=name:password} when no user exists yet; in the
 * development run, demo users (documented in the README, never in production).
 */
@Singleton
public class ConsoleBootstrap implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleBootstrap.class);
    private final Users users;
    private final ConsoleConfiguration config;

    public ConsoleBootstrap(Users users, ConsoleConfiguration config) {
        this.users = users;
        this.config = config;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        try {
            if (config.bootstrapAdmin() != null && !config.bootstrapAdmin().isBlank() && users.count() == 0) {
                String[] p = config.bootstrapAdmin().split(":", 2);
                users.create(p[0], p[1], List.of("ADMIN", "SUPERVISOR"), List.of("*"), 1);
                LOG.info("Bootstrap administrator created");
            }
            if (config.demoUsers()) {
                if (users.find("counsellor").isEmpty()) {
                    users.create("counsellor", "counsellor-demo", List.of("COUNSELLOR"), List.of("en", "es", "fr",
                            "pt", "sw"), 2);
                    users.create("supervisor", "supervisor-demo", List.of("SUPERVISOR", "COUNSELLOR"),
                            List.of("en", "es", "fr", "pt", "sw"), 2);
                    users.create("admin", "admin-demo-pass", List.of("ADMIN"), List.of("en"), 1);
                }
                if (users.find("campaigner").isEmpty()) {
                    users.create("campaigner", "campaigner-demo", List.of("CAMPAIGNER"), List.of("en", "es"), 1);
                }
                LOG.info("Demo console users: counsellor / counsellor-demo, supervisor / supervisor-demo, "
                        + "campaigner / campaigner-demo, admin / admin-demo-pass (development only)");
            }
        } catch (RuntimeException e) {
            LOG.error("Console users could not be bootstrapped: {}", e.getMessage());
        }
    }
}
