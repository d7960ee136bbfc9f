package org.helpline.gateway.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Prometheus's scrape, at Prometheus's default path. Read by a signed-in ADMIN or SUPERVISOR (a console session), or
 * by a scraper that sends {@code Authorization: Bearer $HELPLINE_METRICS_TOKEN}; anyone else gets 401 (403 when signed
 * in without either role). The figures are this instance's counters and the sampled gauges: a scrape never calls
 * Redis.
 */
@Controller("/metrics")
@Secured(SecurityRule.IS_ANONYMOUS) // decided below: a bearer token is not a console session
@Tag(name = "operations")
public class MetricsController {
    static final Set<String> ROLES = Set.of("ADMIN", "SUPERVISOR");
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private final PrometheusMeterRegistry prometheus;
    private final byte[] token;

    public MetricsController(PrometheusMeterRegistry prometheus, MetricsConfiguration config) {
        this.prometheus = prometheus;
        this.token = config.token() == null || config.token().isBlank() ? null
                : config.token().getBytes(StandardCharsets.UTF_8);
    }

    @Operation(summary = "Prometheus metrics (text exposition format)",
            description = "For an ADMIN or SUPERVISOR session, or `Authorization: Bearer <HELPLINE_METRICS_TOKEN>`.")
    @ApiResponse(responseCode = "200", description = "the metrics")
    @ApiResponse(responseCode = "401", description = "no session and no (or a wrong) bearer token")
    @ApiResponse(responseCode = "403", description = "signed in without the ADMIN or SUPERVISOR role")
    @Get(produces = MediaType.TEXT_PLAIN)
    public HttpResponse<String> scrape(HttpRequest<?> request, @Nullable Authentication authentication) {
        boolean session = authentication != null
                && authentication.getRoles().stream().anyMatch(ROLES::contains);
        if (!session && !bearer(request.getHeaders().get(HttpHeaders.AUTHORIZATION))) {
            return HttpResponse.<String>status(authentication == null ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"metrics\"")
                    .contentType(MediaType.TEXT_PLAIN_TYPE)
                    .body(authentication == null ? "sign in, or send the metrics token\n"
                            : "metrics are for administrators and supervisors\n");
        }
        return HttpResponse.ok(prometheus.scrape()).contentType(PROMETHEUS_TEXT);
    }

    private boolean bearer(@Nullable String header) {
        if (token == null || header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        // constant time: the comparison must not tell a guesser how many characters were right
        return MessageDigest.isEqual(token, header.substring(7).strip().getBytes(StandardCharsets.UTF_8));
    }
}
