package org.helpline.gateway.console;

import com.nimbusds.jwt.JWT;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.RolesFinder;
import io.micronaut.security.token.config.TokenConfiguration;
import io.micronaut.security.token.jwt.validator.DefaultJwtAuthenticationFactory;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a console token into a signed-in user only while its session is open ({@link ConsoleSessions}), with the
 * roles of the user's record, not the token's. It runs on the blocking executor
 * ({@code micronaut.security.token.jwt.nimbus.reactive-validator-execute-on-blocking}): it reads Redis. Requests
 * without a token (every webhook) never get here.
 */
@Singleton
@Replaces(DefaultJwtAuthenticationFactory.class)
public class SessionAuthenticationFactory extends DefaultJwtAuthenticationFactory {
    private final ConsoleSessions sessions;

    public SessionAuthenticationFactory(TokenConfiguration tokenConfiguration, RolesFinder rolesFinder,
                                        ConsoleSessions sessions) {
        super(tokenConfiguration, rolesFinder);
        this.sessions = sessions;
    }

    @Override
    public Optional<Authentication> createAuthentication(JWT token) {
        Optional<Authentication> signed = super.createAuthentication(token);
        if (signed.isEmpty()) {
            return signed;
        }
        Authentication a = signed.get();
        Object sid = a.getAttributes().get(ConsoleSessions.CLAIM);
        return sessions.check(a.getName(), sid == null ? null : sid.toString()).map(u -> {
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("languages", u.languages());
            attributes.put(ConsoleSessions.CLAIM, sid.toString());
            return Authentication.build(u.username(), u.roles(), attributes);
        });
    }
}
