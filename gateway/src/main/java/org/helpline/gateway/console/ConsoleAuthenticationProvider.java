package org.helpline.gateway.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestExecutorAuthenticationProvider;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Map;
import org.helpline.gateway.security.Refusals;
import org.helpline.gateway.security.TrustedProxies;

/**
 * Console log-in against {@link Users} (runs on the blocking executor: Redis and PBKDF2). The attempt is taken from
 * the username's and the client address's budgets before the password is hashed ({@link LoginAttemptScript}), so log-ins
 * sent at once get no more checks than log-ins sent one after another; hashes run a few at a time
 * ({@link PasswordChecks}); an unknown username costs the same hash as a known one.
 */
@Singleton
public class ConsoleAuthenticationProvider<B> implements HttpRequestExecutorAuthenticationProvider<B> {
    private final Users users;
    private final LoginAttemptScript budget;
    private final PasswordChecks passwords;
    private final ConsoleSessions sessions;
    private final TrustedProxies proxies;
    private final Refusals refusals;

    public ConsoleAuthenticationProvider(Users users, LoginAttemptScript budget, PasswordChecks passwords,
                                         ConsoleSessions sessions, TrustedProxies proxies, Refusals refusals) {
        this.users = users;
        this.budget = budget;
        this.passwords = passwords;
        this.sessions = sessions;
        this.proxies = proxies;
        this.refusals = refusals;
    }

    @Override
    public AuthenticationResponse authenticate(HttpRequest<B> request,
                                               AuthenticationRequest<String, String> authRequest) {
        String name = authRequest.getIdentity() == null ? "" : authRequest.getIdentity().trim().toLowerCase(Locale.ROOT);
        String address = proxies.clientAddress(request);
        LoginAttemptScript.Attempt attempt = Users.validName(name) ? budget.take(name, address)
                // a name no user can have: only the address is counted (an empty user key never exists)
                : budget.take("", address);
        if (attempt.verdict() == LoginAttemptScript.Verdict.USER_LOCKED
                || attempt.verdict() == LoginAttemptScript.Verdict.ADDRESS_LOCKED) {
            refusals.count("console log-in throttled", attempt.verdict() == LoginAttemptScript.Verdict.USER_LOCKED
                    ? "too many attempts at a username" : "too many attempts from an address");
            return AuthenticationResponse.failure(AuthenticationFailureReason.ACCOUNT_LOCKED);
        }
        boolean right;
        try {
            right = passwords.matches(authRequest.getSecret(), attempt.storedHash());
        } catch (PasswordChecks.Busy e) {
            refusals.count("console log-in throttled", "password checks busy");
            return AuthenticationResponse.failure(AuthenticationFailureReason.ACCOUNT_LOCKED);
        }
        if (!right || attempt.disabled()) {
            return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
        }
        budget.succeeded(name, address);
        return users.find(name)
                .<AuthenticationResponse>map(u -> AuthenticationResponse.success(u.username(), u.roles(),
                        Map.of("languages", u.languages(), ConsoleSessions.CLAIM, sessions.open(u.username()))))
                .orElseGet(() -> AuthenticationResponse.failure(AuthenticationFailureReason.USER_NOT_FOUND));
    }
}
