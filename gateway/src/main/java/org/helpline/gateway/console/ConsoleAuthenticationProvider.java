package org.helpline.gateway.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestExecutorAuthenticationProvider;
import jakarta.inject.Singleton;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Console log-in against {@link Users}, rate-limited per username (runs on the blocking executor: Redis). */
@Singleton
public class ConsoleAuthenticationProvider<B> implements HttpRequestExecutorAuthenticationProvider<B> {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleAuthenticationProvider.class);
    private final Users users;
    private final LoginThrottle throttle;

    public ConsoleAuthenticationProvider(Users users, LoginThrottle throttle) {
        this.users = users;
        this.throttle = throttle;
    }

    @Override
    public AuthenticationResponse authenticate(HttpRequest<B> request,
                                               AuthenticationRequest<String, String> authRequest) {
        String username = authRequest.getIdentity();
        if (!throttle.allow(username)) {
            LOG.warn("Console log-in throttled for a username after repeated failures");
            return AuthenticationResponse.failure(AuthenticationFailureReason.ACCOUNT_LOCKED);
        }
        return users.authenticate(username, authRequest.getSecret())
                .map(u -> {
                    throttle.succeeded(username);
                    return AuthenticationResponse.success(u.username(), u.roles(),
                            Map.of("languages", u.languages()));
                })
                .orElseGet(() -> {
                    throttle.failed(username);
                    return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
                });
    }
}
