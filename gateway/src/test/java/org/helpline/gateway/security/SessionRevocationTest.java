package org.helpline.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.helpline.gateway.console.Users;
import org.helpline.gateway.support.Http;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Finding 2 (medium): a signed 12-hour token was the whole session. A user recreated with a new password and a
 * narrower role kept reading and replying in a held conversation with the old cookie; a removed user could still call
 * {@code POST /next}; after sign-out the old cookie still answered {@code /me}; there was no way to disable a user.
 * Each is replayed with a copied cookie sent by a client of its own.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionRevocationTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;
    @Inject
    Users users;

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of("sessions", "helpline.simulator.enabled", "true");
    }

    @BeforeEach
    void fresh() {
        TestRedis.flush();
        users.create("ada", "ada-password-1", List.of("ADMIN"), List.of("en"), 1);
        users.create("ron", "ron-password-1", List.of("COUNSELLOR"), List.of("en"), 1);
        users.create("ron2", "ron2-password-1", List.of("COUNSELLOR"), List.of("en"), 1);
    }

    private String base() {
        return server.getURL().toString();
    }

    private Browser signedIn(String user, String password) {
        Browser b = new Browser(base());
        assertEquals("/console", b.login(user, password));
        return b;
    }

    private int status(String cookie, String method, String path) {
        return Browser.withCookie(base(), method, path, cookie).statusCode();
    }

    /** A texter asks for a person and ron claims the conversation; returns its id. */
    private String ronHoldsAConversation(Browser ron, String from) {
        for (String t : List.of("hi", "yes", "can i talk to a counsellor")) {
            var r = Http.post(base() + "/simulator/api/messages", "application/json",
                    Http.utf8("{\"from\":\"" + from + "\",\"text\":\"" + t + "\"}"), Map.of());
            assertEquals(200, r.statusCode(), r.body());
        }
        assertEquals(200, ron.post("/console/api/presence", "{\"presence\":\"available\"}").statusCode());
        var claimed = ron.post("/console/api/next", "{}");
        assertEquals(200, claimed.statusCode(), claimed.body());
        String body = claimed.body();
        int i = body.indexOf("\"conversation\":\"") + 16;
        return body.substring(i, body.indexOf('"', i));
    }

    @Test
    void signOutEndsTheSessionForACopiedCookieToo() {
        Browser ron = signedIn("ron", "ron-password-1");
        String cookie = ron.cookieHeader();
        assertEquals(200, status(cookie, "GET", "/console/api/me"));
        assertEquals(303, ron.logout().statusCode());
        assertEquals(401, status(cookie, "GET", "/console/api/me"), "the old cookie answers /me after sign-out");
        assertEquals("/console", new Browser(base()).login("ron", "ron-password-1"), "signing in again works");
    }

    @Test
    void aNewPasswordAndANarrowerRoleEndTheOldSessionAtOnce() {
        Browser ron = signedIn("ron", "ron-password-1");
        String id = ronHoldsAConversation(ron, "+447700902001");
        String cookie = ron.cookieHeader();
        assertEquals(200, status(cookie, "GET", "/console/api/conversations/" + id));
        users.create("ron", "ron-password-2", List.of("CAMPAIGNER"), List.of("en"), 1);
        assertEquals(401, status(cookie, "GET", "/console/api/conversations/" + id),
                "the old token still read the held conversation");
        assertEquals(401, status(cookie, "POST", "/console/api/conversations/" + id + "/messages"));
        assertEquals("/login?error=1", new Browser(base()).login("ron", "ron-password-1"), "the old password");
        Browser again = signedIn("ron", "ron-password-2");
        assertEquals(403, again.get("/console/api/conversations/" + id).statusCode(), "a campaigner now");
    }

    @Test
    void rolesAreReadFromTheUserRecordOnEveryRequest() {
        Browser ron = signedIn("ron", "ron-password-1");
        assertEquals(200, ron.get("/console/api/conversations").statusCode());
        // a record changed behind the API's back (another instance, an operator): the token's roles do not count
        TestRedis.client().hset("users:{users}:ron", "roles", "CAMPAIGNER");
        assertEquals(403, ron.get("/console/api/conversations").statusCode());
        assertTrue(ron.get("/console/api/me").body().contains("\"roles\":[\"CAMPAIGNER\"]"));
    }

    @Test
    void aRemovedUserCannotTakeTheNextConversation() {
        Browser ron = signedIn("ron", "ron-password-1");
        assertEquals(200, ron.post("/console/api/presence", "{\"presence\":\"available\"}").statusCode());
        String cookie = ron.cookieHeader();
        Browser ada = signedIn("ada", "ada-password-1");
        assertEquals(200, ada.send("DELETE", "/console/api/admin/users/ron").statusCode());
        for (String t : List.of("hi", "yes", "can i talk to a counsellor")) {
            Http.post(base() + "/simulator/api/messages", "application/json",
                    Http.utf8("{\"from\":\"+447700902002\",\"text\":\"" + t + "\"}"), Map.of());
        }
        assertEquals(401, status(cookie, "POST", "/console/api/next"), "a removed user got a conversation");
        assertEquals("/login?error=1", new Browser(base()).login("ron", "ron-password-1"));
        assertTrue(ada.get("/console/api/admin/audit").body().contains("remove-user:ron"));
    }

    @Test
    void anAdministratorDisablesAndEnablesAUser() {
        Browser ron = signedIn("ron", "ron-password-1");
        String cookie = ron.cookieHeader();
        Browser ada = signedIn("ada", "ada-password-1");
        var disabled = ada.post("/console/api/admin/users/ron/disable", "{}");
        assertEquals(200, disabled.statusCode(), disabled.body());
        assertTrue(disabled.body().contains("\"disabled\":true"), disabled.body());
        assertEquals(401, status(cookie, "GET", "/console/api/me"), "a disabled user's session still answered");
        assertEquals("/login?error=1", new Browser(base()).login("ron", "ron-password-1"),
                "a disabled user cannot sign in (and is not told the password was right)");
        Browser other = signedIn("ron2", "ron2-password-1");
        assertEquals(403, other.post("/console/api/admin/users/ada/disable", "{}").statusCode(),
                "only administrators disable users");
        assertEquals(400, ada.post("/console/api/admin/users/ada/disable", "{}").statusCode(),
                "an administrator cannot lock themselves out");
        assertEquals(200, ada.post("/console/api/admin/users/ron/enable", "{}").statusCode());
        assertEquals("/console", new Browser(base()).login("ron", "ron-password-1"));
        assertTrue(ada.get("/console/api/admin/users").body().contains("\"username\":\"ron\""));
    }

    @Test
    void aLiveEventStreamEndsWithItsSession() throws Exception {
        Browser ron = signedIn("ron", "ron-password-1");
        HttpRequest events = HttpRequest.newBuilder(URI.create(base() + "/console/api/events"))
                .header("Cookie", ron.cookieHeader()).GET().build();
        CompletableFuture<HttpResponse<Stream<String>>> open = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5)).build().sendAsync(events, HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> stream = open.get(10, TimeUnit.SECONDS);
        assertEquals(200, stream.statusCode());
        CompletableFuture<Long> ended = CompletableFuture.supplyAsync(() -> stream.body().count());
        Thread.sleep(300);
        assertEquals(303, ron.logout().statusCode());
        ended.get(10, TimeUnit.SECONDS); // the stream was closed by the server after the sign-out
    }
}
