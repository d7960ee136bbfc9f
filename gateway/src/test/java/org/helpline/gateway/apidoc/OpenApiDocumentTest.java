package org.helpline.gateway.apidoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.helpline.gateway.console.Users;
import org.helpline.gateway.support.ConsoleBrowser;
import org.helpline.gateway.support.Http;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI document written at build time, as a signed-in administrator gets it: every route of ours that the
 * router serves (simulator on, so its routes count too) is in it with its method; the only routes not of ours are the
 * security library's log-in and log-out and the health endpoint, so that nothing (such as {@code /token_info}) is
 * served that nobody described or meant to serve; and only an administrator may read it.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTest implements TestPropertyProvider {
    /** Routes that are not our controllers', and why they may be there. */
    static final Set<String> NOT_OURS = Set.of(
            "POST /login",    // micronaut-security's log-in (the form on our /login page posts here)
            "GET /logout",    // micronaut-security's log-out
            "POST /logout",
            "GET /health",    // Micronaut's health endpoint, for a balancer
            "GET /health/{selector}"); // its liveness/readiness views

    @Inject
    EmbeddedServer server;
    @Inject
    Router router;
    @Inject
    Users users;

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of("openapi", "helpline.simulator.enabled", "true",
                "helpline.queue.jobs.enabled", "false", "helpline.campaigns.enabled", "false");
    }

    @BeforeAll
    void accounts() {
        TestRedis.flush();
        users.create("ada", "ada-password-1", List.of("ADMIN"), List.of("en"), 1);
        users.create("sue", "sue-password-1", List.of("SUPERVISOR", "COUNSELLOR"), List.of("en"), 1);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> documentedPaths() {
        HttpResponse<String> r = ConsoleBrowser.signIn(server.getURL().toString(), "ada", "ada-password-1")
                .get("/console/api/openapi.yml");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/yaml"));
        Map<String, Object> doc = new Yaml().load(r.body());
        assertTrue(String.valueOf(doc.get("openapi")).startsWith("3."), "an OpenAPI 3 document");
        return (Map<String, Map<String, Object>>) doc.get("paths");
    }

    /** A route template as OpenAPI writes it: {@code {file:.*}} is {@code {file}}, query parts are dropped. */
    static String openApiPath(String template) {
        return template.replaceAll("\\{\\?[^}]*}", "").replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
    }

    @Test
    void everyRouteOfOursIsInTheDocumentWithItsMethod() {
        Map<String, Map<String, Object>> paths = documentedPaths();
        List<String> missing = new ArrayList<>();
        Set<String> notOurs = new TreeSet<>();
        int ours = 0;
        for (UriRouteInfo<?, ?> route : router.uriRoutes().map(m -> (UriRouteInfo<?, ?>) m).toList()) {
            String method = route.getHttpMethodName();
            if (method.equals("HEAD")) {
                continue; // Micronaut answers HEAD for every GET route by itself; the GET is what is described
            }
            String path = openApiPath(route.getUriMatchTemplate().toPathString());
            if (!route.getTargetMethod().getDeclaringType().getName().startsWith("org.helpline.")) {
                notOurs.add(method + " " + path);
                continue;
            }
            ours++;
            Map<String, Object> operations = paths.get(path);
            if (operations == null || !operations.containsKey(method.toLowerCase(Locale.ROOT))) {
                missing.add(method + " " + path);
            }
        }
        assertEquals(List.of(), missing, "routes the document does not describe");
        assertTrue(ours > 40, "the console, campaign, simulator and webhook routes: " + ours);
        assertTrue(NOT_OURS.containsAll(notOurs), "routes not of ours, undescribed: " + notOurs);
        for (String p : List.of("/console/api/next", "/console/api/campaigns", "/simulator/api/messages",
                "/twilio/messages", "/metrics", "/console/api/openapi.yml")) {
            assertTrue(paths.containsKey(p), p);
        }
    }

    @Test
    void theTokenInfoRouteIsOff() {
        assertTrue(router.uriRoutes().noneMatch(r -> r.getUriMatchTemplate().toPathString().contains("token_info")));
        HttpResponse<String> r = ConsoleBrowser.signIn(server.getURL().toString(), "ada", "ada-password-1")
                .get("/token_info");
        assertEquals(404, r.statusCode(), r.body());
    }

    @Test
    void onlyAnAdministratorMayReadIt() {
        assertEquals(401, Http.get(server.getURL() + "/console/api/openapi.yml").statusCode());
        assertEquals(403, ConsoleBrowser.signIn(server.getURL().toString(), "sue", "sue-password-1")
                .get("/console/api/openapi.yml").statusCode());
    }
}
