package org.helpline.gateway.console;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.authentication.AuthenticationFailed;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.config.RedirectConfiguration;
import io.micronaut.security.config.RedirectService;
import io.micronaut.security.errors.PriorToLoginPersistence;
import io.micronaut.security.token.cookie.AccessTokenCookieConfiguration;
import io.micronaut.security.token.cookie.LoginCookieProvider;
import io.micronaut.security.token.cookie.RefreshTokenCookieConfiguration;
import io.micronaut.security.token.cookie.TokenCookieLoginHandler;
import io.micronaut.security.token.generator.AccessRefreshTokenGenerator;
import io.micronaut.security.token.generator.AccessTokenConfiguration;
import io.micronaut.security.token.render.AccessRefreshToken;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.helpline.gateway.config.HelplineConfiguration;
import org.helpline.gateway.security.TrustedProxies;

/**
 * The cookie log-in, except that a username locked after repeated failures is sent to {@code /login?error=locked}
 * instead of the generic failure page, so the log-in page can say "wait 15 minutes" rather than "wrong password"
 * (which would make a counsellor retype the right password, in vain). It reveals nothing an attacker lacks: the lock
 * follows five failures they made themselves.
 *
 * <p>The session cookie is {@code Secure} when the browser reached the service over https: a trusted proxy
 * ({@code helpline.security.trusted-proxies}) says so ({@code X-Forwarded-Proto}), or the request is for the host of
 * an https public URL. Behind a TLS-terminating proxy the request itself is plain HTTP, and the cookie went out
 * without the flag. A request to another host (an instance's own address, as tests and health checks use) keeps
 * working over plain HTTP: a Secure cookie would never come back from it.
 */
@Singleton
@Replaces(TokenCookieLoginHandler.class)
@Requires(property = "micronaut.security.authentication", value = "cookie")
public class ConsoleLoginHandler extends TokenCookieLoginHandler {
    static final String LOCKED = "/login?error=locked";
    /** The host of an https public URL (lower case), or null. */
    private final String publicHttpsHost;
    private final TrustedProxies proxies;

    public ConsoleLoginHandler(RedirectService redirectService, RedirectConfiguration redirectConfiguration,
                               AccessTokenCookieConfiguration accessTokenCookieConfiguration,
                               RefreshTokenCookieConfiguration refreshTokenCookieConfiguration,
                               AccessTokenConfiguration accessTokenConfiguration,
                               AccessRefreshTokenGenerator accessRefreshTokenGenerator,
                               @Nullable PriorToLoginPersistence<HttpRequest<?>, MutableHttpResponse<?>>
                                       priorToLoginPersistence,
                               List<LoginCookieProvider<HttpRequest<?>>> loginCookieProviders,
                               HelplineConfiguration helpline,
                               TrustedProxies proxies) {
        super(redirectService, redirectConfiguration, accessTokenCookieConfiguration, refreshTokenCookieConfiguration,
                accessTokenConfiguration, accessRefreshTokenGenerator, priorToLoginPersistence, loginCookieProviders);
        String url = helpline.publicUrl() == null ? "" : helpline.publicUrl().trim().toLowerCase(Locale.ROOT);
        this.publicHttpsHost = url.startsWith("https://") ? URI.create(url).getHost() : null;
        this.proxies = proxies;
    }

    @Override
    protected Cookie accessTokenCookie(
            AccessRefreshToken token, HttpRequest<?> request) {
        Cookie cookie = super.accessTokenCookie(token, request);
        if (request.isSecure() || proxies.forwardedHttps(request) || forPublicHttpsHost(request)) {
            cookie.secure(true);
        }
        return cookie;
    }

    private boolean forPublicHttpsHost(HttpRequest<?> request) {
        String host = request.getHeaders().get("Host");
        if (publicHttpsHost == null || host == null) {
            return false;
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        int colon = h.startsWith("[") ? h.indexOf("]:") + 1 : h.lastIndexOf(':');
        return publicHttpsHost.equals(colon > 0 ? h.substring(0, colon) : h);
    }

    @Override
    public MutableHttpResponse<?> loginFailed(AuthenticationResponse failure, HttpRequest<?> request) {
        if (failure instanceof AuthenticationFailed f && f.getReason() == AuthenticationFailureReason.ACCOUNT_LOCKED) {
            return HttpResponse.seeOther(URI.create(LOCKED));
        }
        return super.loginFailed(failure, request);
    }
}
