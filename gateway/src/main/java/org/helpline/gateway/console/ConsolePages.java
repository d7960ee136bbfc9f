package org.helpline.gateway.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the console's pages. A page holds no data: everything comes from the API, which checks roles. A signed-out
 * visitor is sent to the log-in page; a page a role may not see answers 403 without showing anything.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
public class ConsolePages {
    private static final Map<String, String> TYPES = Map.of("css", "text/css", "js", "application/javascript",
            "svg", "image/svg+xml", "png", "image/png");
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    @Get(uri = "/login", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> login() {
        return page("login.html");
    }

    @Get(uri = "/console", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> counsellor(@Nullable Authentication auth) {
        if (auth == null) {
            return HttpResponse.seeOther(URI.create("/login"));
        }
        if (!auth.getRoles().contains("COUNSELLOR")) {
            if (auth.getRoles().contains("SUPERVISOR")) {
                return HttpResponse.seeOther(URI.create("/console/supervisor"));
            }
            if (auth.getRoles().contains("ADMIN")) {
                return HttpResponse.seeOther(URI.create("/console/admin"));
            }
            if (auth.getRoles().contains("CAMPAIGNER")) {
                return HttpResponse.seeOther(URI.create("/console/campaigns"));
            }
            return forbidden();
        }
        return page("counsellor.html");
    }

    @Get(uri = "/console/supervisor", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> supervisor(@Nullable Authentication auth) {
        if (auth == null) {
            return HttpResponse.seeOther(URI.create("/login"));
        }
        return auth.getRoles().contains("SUPERVISOR") ? page("supervisor.html") : forbidden();
    }

    @Get(uri = "/console/reports", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> reports(@Nullable Authentication auth) {
        if (auth == null) {
            return HttpResponse.seeOther(URI.create("/login"));
        }
        return auth.getRoles().contains("SUPERVISOR") ? page("reports.html") : forbidden();
    }

    @Get(uri = "/console/admin", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> admin(@Nullable Authentication auth) {
        if (auth == null) {
            return HttpResponse.seeOther(URI.create("/login"));
        }
        return auth.getRoles().contains("ADMIN") ? page("admin.html") : forbidden();
    }

    @Get(uri = "/console/campaigns", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> campaigns(@Nullable Authentication auth) {
        if (auth == null) {
            return HttpResponse.seeOther(URI.create("/login"));
        }
        return auth.getRoles().contains("CAMPAIGNER") || auth.getRoles().contains("ADMIN") ? page("campaigns.html")
                : forbidden();
    }

    @Get("/console/assets/{file}")
    public HttpResponse<?> asset(@PathVariable String file) {
        if (!file.matches("[a-z0-9-]+\\.(css|js|svg|png)")) {
            return HttpResponse.notFound();
        }
        byte[] bytes = read(file);
        if (bytes == null) {
            return HttpResponse.notFound();
        }
        return HttpResponse.ok(bytes).contentType(TYPES.get(file.substring(file.lastIndexOf('.') + 1)));
    }

    private HttpResponse<?> page(String name) {
        byte[] bytes = read(name);
        if (bytes == null) {
            return HttpResponse.notFound("the console page " + name + " is missing from this build");
        }
        return HttpResponse.ok(new String(bytes, StandardCharsets.UTF_8)).contentType(MediaType.TEXT_HTML_TYPE)
                .header("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'; "
                        + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'")
                .header("X-Content-Type-Options", "nosniff")
                // not no-referrer: with it, browsers send "Origin: null" on form POSTs (log-in, sign-out), which the
                // server's CORS check refuses with 403. same-origin still sends nothing to other sites.
                .header("Referrer-Policy", "same-origin");
    }

    /** 403 with a way out (back to the console, or sign out), not a dead end. */
    private HttpResponse<?> forbidden() {
        byte[] bytes = read("forbidden.html");
        String body = bytes == null ? "Your role does not give access to this page."
                : new String(bytes, StandardCharsets.UTF_8);
        return HttpResponse.status(HttpStatus.FORBIDDEN).body(body)
                .contentType(bytes == null ? MediaType.TEXT_PLAIN_TYPE : MediaType.TEXT_HTML_TYPE)
                .header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
                .header("Referrer-Policy", "same-origin");
    }

    private byte[] read(String name) {
        return cache.computeIfAbsent(name, n -> {
            try (InputStream in = ConsolePages.class.getResourceAsStream("/console/" + n)) {
                return in == null ? null : in.readAllBytes();
            } catch (IOException e) {
                return null;
            }
        });
    }
}
