package org.helpline.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.console.Users;
import org.helpline.gateway.queue.Counsellors;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Day-to-day administration over the API with real log-ins and a real Redis: changing a user's roles and resetting
 * their password keep the rest of their record, end their sessions at once (a copied cookie too), are audited, and
 * are refused in plain words when they cannot be done; changing their languages and capacity keeps the rest of the
 * record and the sessions, and changes what the queue offers them at once.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdministrationTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;
    @Inject
    Users users;
    @Inject
    Counsellors counsellors;

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of("administration");
    }

    @BeforeEach
    void fresh() {
        TestRedis.flush();
        users.create("ada", "ada-password-1", List.of("ADMIN"), List.of("en"), 1);
        users.create("ron", "ron-password-1", List.of("COUNSELLOR"), List.of("en", "es"), 3);
    }

    private Browser signedIn(String user, String password) {
        Browser b = new Browser(server.getURL().toString());
        assertEquals("/console", b.login(user, password));
        return b;
    }

    private int status(String cookie, String path) {
        return Browser.withCookie(server.getURL().toString(), "GET", path, cookie).statusCode();
    }

    @Test
    void aRoleChangeKeepsTheRecordEndsTheSessionsAndIsAudited() {
        Browser ron = signedIn("ron", "ron-password-1");
        String cookie = ron.cookieHeader();
        Browser ada = signedIn("ada", "ada-password-1");
        var r = ada.post("/console/api/admin/users/ron/roles", "{\"roles\":[\"SUPERVISOR\"]}");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"roles\":[\"SUPERVISOR\"]") && r.body().contains("\"capacity\":3")
                && r.body().contains("\"languages\":[\"en\",\"es\"]"), r.body());
        assertEquals(401, status(cookie, "/console/api/me"), "the old session outlived the role change");
        assertFalse(counsellors.all().stream().anyMatch(s -> s.name().equals("ron")), "no counsellor any more");
        Browser again = signedIn("ron", "ron-password-1");                      // the password was kept
        assertEquals(403, again.get("/console/api/conversations").statusCode());
        assertEquals(200, again.get("/console/api/supervisor/overview").statusCode());

        assertEquals(200, ada.post("/console/api/admin/users/ron/roles",
                "{\"roles\":[\"counsellor\",\"supervisor\"]}").statusCode());
        assertTrue(counsellors.all().stream().anyMatch(s -> s.name().equals("ron") && s.capacity() == 3));
        assertTrue(ada.get("/console/api/admin/audit").body().contains("roles:ron=counsellor+supervisor"));

        var none = ada.post("/console/api/admin/users/ron/roles", "{\"roles\":[]}");
        assertEquals(400, none.statusCode());
        assertTrue(none.body().contains("Choose at least one role"), none.body());
        var self = ada.post("/console/api/admin/users/ada/roles", "{\"roles\":[\"SUPERVISOR\"]}");
        assertEquals(400, self.statusCode());
        assertTrue(self.body().contains("You cannot take the administrator role from yourself"), self.body());
        var nobody = ada.post("/console/api/admin/users/zed/roles", "{\"roles\":[\"SUPERVISOR\"]}");
        assertEquals(404, nobody.statusCode());
        assertTrue(nobody.body().contains("There is no user called zed."), nobody.body());
        assertEquals(401, again.get("/console/api/me").statusCode(), "the second change ended that session too");
        Browser third = signedIn("ron", "ron-password-1");
        assertEquals(403, third.post("/console/api/admin/users/ron/roles", "{\"roles\":[\"ADMIN\"]}").statusCode(),
                "only administrators change roles");
    }

    @Test
    void aPasswordResetEndsTheSessionsKeepsTheRolesAndIsAudited() {
        Browser ron = signedIn("ron", "ron-password-1");
        String cookie = ron.cookieHeader();
        Browser ada = signedIn("ada", "ada-password-1");
        var shortOne = ada.post("/console/api/admin/users/ron/password", "{\"password\":\"short\"}");
        assertEquals(400, shortOne.statusCode());
        assertTrue(shortOne.body().contains("too short: use at least 10 characters"), shortOne.body());
        assertEquals(200, status(cookie, "/console/api/me"), "a refused reset changes nothing");

        var r = ada.post("/console/api/admin/users/ron/password", "{\"password\":\"ron-password-2\"}");
        assertEquals(200, r.statusCode(), r.body());
        assertFalse(r.body().contains("password"), "never the hash: " + r.body());
        assertEquals(401, status(cookie, "/console/api/me"), "the old session outlived the reset");
        assertEquals("/login?error=1", new Browser(server.getURL().toString()).login("ron", "ron-password-1"));
        Browser again = signedIn("ron", "ron-password-2");
        assertEquals(200, again.get("/console/api/conversations").statusCode(), "still a counsellor");
        assertTrue(ada.get("/console/api/admin/audit").body().contains("reset-password:ron"));
    }

    @Test
    void languagesAndCapacityChangeWithoutReplacingTheUserAndAreAudited() {
        Browser ron = signedIn("ron", "ron-password-1");
        String cookie = ron.cookieHeader();
        Browser ada = signedIn("ada", "ada-password-1");
        var r = ada.post("/console/api/admin/users/ron/languages", "{\"languages\":[\" FR\",\"en\",\"fr\"],\"capacity\":5}");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"languages\":[\"fr\",\"en\"]") && r.body().contains("\"capacity\":5")
                && r.body().contains("\"roles\":[\"COUNSELLOR\"]"), r.body());
        assertFalse(r.body().contains("password"), "never the hash: " + r.body());
        assertEquals(200, status(cookie, "/console/api/me"), "nothing they may do changed: the session goes on");
        assertTrue(ron.get("/console/api/me").body().contains("\"capacity\":5"));
        Counsellors.Status queueRecord = counsellors.all().stream().filter(s -> s.name().equals("ron")).findFirst()
                .orElseThrow();
        assertEquals(5, queueRecord.capacity(), "the queue offers them up to five now");
        assertEquals(List.of("fr", "en"), queueRecord.languages());
        signedIn("ron", "ron-password-1");                                     // the password was kept
        assertTrue(ada.get("/console/api/admin/audit").body().contains("languages-capacity:ron=fr+en/5"));

        var english = ada.post("/console/api/admin/users/ron/languages", "{\"languages\":[\"english\"],\"capacity\":2}");
        assertEquals(400, english.statusCode());
        assertTrue(english.body().contains("Give at least one language as a two-letter code (e.g. en, es), or * for "
                + "every language."), english.body());
        var none = ada.post("/console/api/admin/users/ron/languages", "{\"languages\":[],\"capacity\":2}");
        assertEquals(400, none.statusCode());
        for (String capacity : List.of("0", "21", "null")) {
            var c = ada.post("/console/api/admin/users/ron/languages", "{\"languages\":[\"*\"],\"capacity\":"
                    + capacity + "}");
            assertEquals(400, c.statusCode(), capacity);
            assertTrue(c.body().contains("Conversations at once must be a number from 1 to 20."), c.body());
        }
        assertEquals(5, users.find("ron").orElseThrow().capacity(), "a refused change changes nothing");
        var nobody = ada.post("/console/api/admin/users/zed/languages", "{\"languages\":[\"en\"],\"capacity\":1}");
        assertEquals(404, nobody.statusCode());
        assertTrue(nobody.body().contains("There is no user called zed."), nobody.body());
        assertEquals(403, ron.post("/console/api/admin/users/ron/languages",
                "{\"languages\":[\"en\"],\"capacity\":20}").statusCode(), "only administrators change them");

        // a disabled supervisor stays disabled, and no counsellor, after the change
        users.create("ida", "ida-password-1", List.of("SUPERVISOR"), List.of("en"), 1);
        assertEquals(200, ada.post("/console/api/admin/users/ida/disable", "{}").statusCode());
        assertEquals(200, ada.post("/console/api/admin/users/ida/languages", "{\"languages\":[\"*\"],\"capacity\":2}")
                .statusCode());
        Users.User ida = users.find("ida").orElseThrow();
        assertTrue(ida.disabled() && ida.roles().equals(List.of("SUPERVISOR")) && ida.languages().equals(List.of("*")),
                ida.toString());
        assertFalse(counsellors.all().stream().anyMatch(s -> s.name().equals("ida")), "no counsellor by the change");
    }

    @Test
    void aDisabledUserKeepsTheirRecordAndIsRefusedInWords() {
        Browser ada = signedIn("ada", "ada-password-1");
        assertEquals(200, ada.post("/console/api/admin/users/ron/disable", "{}").statusCode());
        // a password reset of a disabled user does not enable them
        assertEquals(200, ada.post("/console/api/admin/users/ron/password", "{\"password\":\"ron-password-3\"}")
                .statusCode());
        assertEquals("/login?error=1", new Browser(server.getURL().toString()).login("ron", "ron-password-3"));
        var self = ada.post("/console/api/admin/users/ada/disable", "{}");
        assertTrue(self.body().contains("You cannot disable yourself"), self.body());
        assertEquals(200, ada.post("/console/api/admin/users/ron/enable", "{}").statusCode());
        signedIn("ron", "ron-password-3");
    }
}
