package org.helpline.gateway.console;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.event.LogoutEvent;
import jakarta.inject.Singleton;

/**
 * Sign-out ends the session in Redis, not only the cookie in this browser: a copied cookie stops working too. The
 * logout endpoint is synchronous, so with {@code thread-selection: AUTO} this runs on the blocking executor.
 */
@Singleton
public class SignOut implements ApplicationEventListener<LogoutEvent> {
    private final ConsoleSessions sessions;

    public SignOut(ConsoleSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void onApplicationEvent(LogoutEvent event) {
        if (event.getSource() instanceof Authentication a) {
            Object sid = a.getAttributes().get(ConsoleSessions.CLAIM);
            if (sid != null) {
                sessions.close(sid.toString());
            }
        }
    }
}
