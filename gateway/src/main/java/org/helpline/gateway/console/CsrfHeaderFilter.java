package org.helpline.gateway.console;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * CSRF defence for the console: every state-changing request to the console API must carry the custom header
 * {@code X-Helpline-Console}, which a cross-site form or image cannot send and a cross-site script cannot add
 * without a CORS pre-flight we never grant. The session cookie is also SameSite=Strict.
 */
@ServerFilter("/console/api/**")
public class CsrfHeaderFilter {
    static final String HEADER = "X-Helpline-Console";

    @RequestFilter
    @io.micronaut.core.annotation.Nullable
    public MutableHttpResponse<?> check(HttpRequest<?> request) {
        if (request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD
                || request.getMethod() == HttpMethod.OPTIONS) {
            return null;
        }
        if (!"1".equals(request.getHeaders().get(HEADER))) {
            return HttpResponse.status(HttpStatus.FORBIDDEN).body("missing " + HEADER + " header (CSRF protection)");
        }
        return null;
    }
}
