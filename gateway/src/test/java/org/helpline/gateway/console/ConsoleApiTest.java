package org.helpline.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.queue.Counsellors;
import org.helpline.gateway.support.Http;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The console API over real HTTP with real log-ins (cookie sessions), against a real Redis, with texters in the
 * simulator: claim, the bot's silence while a counsellor holds a conversation, replies through the texter's channel,
 * close and the bot resuming, role isolation, CSRF and the audit log.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleApiTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;
    @Inject
    Users users;
    @Inject
    Counsellors counsellors;

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of("console", "helpline.simulator.enabled", "true");
    }

    @BeforeAll
    void usersExist() {
        TestRedis.flush();
        users.create("ana", "ana-password-1", List.of("COUNSELLOR"), List.of("en", "es"), 1);
        users.create("ben", "ben-password-1", List.of("COUNSELLOR"), List.of("en"), 1);
        users.create("sue", "sue-password-1", List.of("SUPERVISOR"), List.of("en"), 1);
        users.create("cam", "cam-password-1", List.of("CAMPAIGNER"), List.of("en"), 1);
        users.create("ada", "ada-password-1", List.of("ADMIN"), List.of("en"), 1);
    }

    /** A browser-like session: a cookie jar and the console's CSRF header on POSTs. */
    final class Session {
        final HttpClient client = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> login(String user, String password) {
            return send(HttpRequest.newBuilder(uri("/login")).header("Content-Type",
                    "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                    "username=" + user + "&password=" + password)).build());
        }

        HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(uri(path)).GET().build());
        }

        HttpResponse<String> post(String path, String json) {
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .header("X-Helpline-Console", "1").POST(HttpRequest.BodyPublishers.ofString(json)).build());
        }

        HttpResponse<String> postWithoutCsrfHeader(String path, String json) {
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        }

        private HttpResponse<String> send(HttpRequest r) {
            try {
                return client.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private URI uri(String path) {
        return URI.create(server.getURL() + path);
    }

    private Session signedIn(String user, String password) {
        Session s = new Session();
        HttpResponse<String> r = s.login(user, password);
        assertEquals(303, r.statusCode(), r.body());
        assertEquals("/console", r.headers().firstValue("Location").orElse(""));
        return s;
    }

    private String text(String from, String body) {
        var r = Http.post(server.getURL() + "/simulator/api/messages", "application/json",
                Http.utf8("{\"from\":\"" + from + "\",\"text\":\"" + body + "\"}"), Map.of());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static String field(String json, String name) {
        int i = json.indexOf("\"" + name + "\":\"");
        return json.substring(i + name.length() + 4, json.indexOf('"', i + name.length() + 4));
    }

    @Test
    void wrongPasswordsAreRefusedAndPagesNeedALogIn() {
        var r = new Session().login("ana", "wrong-password");
        assertEquals(303, r.statusCode());
        assertEquals("/login?error=1", r.headers().firstValue("Location").orElse(""),
                "a wrong password is not reported as a lock");
        var anonymous = new Session().get("/console/api/me");
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").isEmpty(),
                "no Basic challenge: browsers would show their own password dialog over the console");
        assertEquals(303, new Session().get("/console").statusCode(), "signed-out visitors go to the log-in page");
    }

    @Test
    void theWholeCounsellorJourney() {
        String texter = "+447700901001";
        text(texter, "hi");
        text(texter, "yes");
        String waiting = text(texter, "can i talk to a counsellor");
        assertTrue(waiting.contains("A counsellor will be with you soon") && waiting.contains("You are number 1 in line"),
                waiting);

        Session ana = signedIn("ana", "ana-password-1");
        assertEquals(204, ana.post("/console/api/next", "{}").statusCode(), "away counsellors are offered nothing");
        assertEquals(200, ana.post("/console/api/presence", "{\"presence\":\"available\"}").statusCode());
        var claimed = ana.post("/console/api/next", "{}");
        assertEquals(200, claimed.statusCode());
        String id = field(claimed.body(), "conversation");

        var view = ana.get("/console/api/conversations/" + id);
        assertEquals(200, view.statusCode());
        assertTrue(view.body().contains("can i talk to a counsellor"), view.body());
        assertTrue(view.body().contains("Asked for a counsellor"), "the reason it was flagged, in plain words");
        assertTrue(view.body().contains("\"why\":"), view.body());

        // while ana holds it, the bot is silent and the message reaches her transcript
        String silent = text(texter, "<script>alert(1)</script> are you real?");
        assertTrue(silent.contains("\"replies\":[]"), silent);
        assertTrue(ana.get("/console/api/conversations/" + id).body().contains("<script>alert(1)</script>"));

        var sent = ana.post("/console/api/conversations/" + id + "/messages", "{\"text\":\"Hi, I'm Ana, a counsellor\"}");
        assertEquals(200, sent.statusCode(), sent.body());
        var outbox = Http.get(server.getURL() + "/simulator/api/outbox?from=%2B447700901001&after=0");
        assertTrue(outbox.body().contains("Hi, I'm Ana, a counsellor"), "reply delivered through the texter's channel");

        Session sup = signedIn("sue", "sue-password-1");
        String held = sup.get("/console/api/supervisor/overview").body();
        assertTrue(held.contains("\"id\":\"" + id + "\"") && held.contains("\"state\":\"claimed\"")
                && held.contains("\"counsellor\":\"ana\""), "supervisors see which conversations to open: " + held);

        Session ben = signedIn("ben", "ben-password-1");
        assertEquals(403, ben.get("/console/api/conversations/" + id).statusCode(),
                "a counsellor cannot open another counsellor's conversation");
        Session cam = signedIn("cam", "cam-password-1");
        assertEquals(403, cam.get("/console/api/supervisor/conversations/" + id).statusCode(),
                "a campaigner cannot read transcripts");
        assertEquals(403, cam.get("/console/api/conversations/" + id).statusCode());
        // campaigns are the campaigner's: counsellors and supervisors cannot see the list or send
        assertEquals(200, cam.get("/console/api/campaigns/contacts").statusCode());
        assertEquals(403, ana.get("/console/api/campaigns").statusCode());
        assertEquals(403, sup.get("/console/api/campaigns/contacts").statusCode());
        assertEquals(403, cam.postWithoutCsrfHeader("/console/api/campaigns/preview",
                "{\"name\":\"x\",\"messages\":{\"en\":\"hi\"}}").statusCode(), "CSRF header required");
        HttpResponse<String> invalid = cam.post("/console/api/campaigns", "{\"name\":\"\",\"messages\":{}}");
        assertEquals(400, invalid.statusCode());
        assertTrue(invalid.body().contains("write the message in at least one language"), invalid.body());

        assertEquals(403, ana.postWithoutCsrfHeader("/console/api/conversations/" + id + "/close",
                "{\"disposition\":\"other\"}").statusCode(), "CSRF header required");
        assertEquals(400, ana.post("/console/api/conversations/" + id + "/close",
                "{\"disposition\":\"made-up\"}").statusCode());
        assertEquals(200, ana.post("/console/api/conversations/" + id + "/close",
                "{\"disposition\":\"peer_relationships\",\"notes\":\"talked it through\"}").statusCode());
        var closing = Http.get(server.getURL() + "/simulator/api/outbox?from=%2B447700901001&after=1");
        assertTrue(closing.body().contains("The counsellor has ended this chat"), closing.body());
        assertTrue(text(texter, "2").contains("Being bullied online"), "the bot resumes at the menu");

        Session sue = signedIn("sue", "sue-password-1");
        var overview = sue.get("/console/api/supervisor/overview");
        assertEquals(200, overview.statusCode());
        assertTrue(overview.body().contains("\"username\":\"ana\""), overview.body());
        assertEquals(200, sue.get("/console/api/supervisor/conversations/" + id).statusCode());
        assertEquals(403, ana.get("/console/api/supervisor/overview").statusCode());
        var page = ana.get("/console/admin");
        assertEquals(403, page.statusCode());
        assertTrue(page.body().contains("action=\"/logout\"") && !page.body().contains("audit"),
                "a page the role may not see shows nothing of it, but offers a way out");

        Session ada = signedIn("ada", "ada-password-1");
        var audit = ada.get("/console/api/admin/audit");
        assertEquals(200, audit.statusCode());
        for (String action : List.of("\"claim\"", "\"view\"", "\"reply\"", "\"close:peer_relationships\"",
                "\"supervisor-view\"")) {
            assertTrue(audit.body().contains(action), "audited: " + action + " in " + audit.body());
        }
        assertFalse(audit.body().contains("447700901001"), "no phone number in the audit log");
        assertEquals(403, sue.get("/console/api/admin/audit").statusCode());
    }

    @Test
    void theReportsPageIsForSupervisorsOnly() {
        var signedOut = new Session().get("/console/reports");
        assertEquals(303, signedOut.statusCode(), "signed-out visitors go to the log-in page");
        assertEquals("/login", signedOut.headers().firstValue("Location").orElse(""));
        for (String user : List.of("ana", "cam", "ada")) {
            var refused = signedIn(user, user + "-password-1").get("/console/reports");
            assertEquals(403, refused.statusCode(), user);
            assertTrue(refused.body().contains("action=\"/logout\"") && !refused.body().contains("report-"),
                    user + ": nothing of the page, a way out");
        }
        Session sue = signedIn("sue", "sue-password-1");
        var reports = sue.get("/console/reports");
        assertEquals(200, reports.statusCode());
        assertTrue(reports.body().contains("id=\"report-summary\"")
                && reports.body().contains("/console/assets/reports.js"), reports.body());
        assertEquals(200, sue.get("/console/assets/reports.js").statusCode());
        var room = sue.get("/console/supervisor").body();
        assertTrue(room.contains("href=\"/console/reports\"") && !room.contains("id=\"report-summary\""),
                "the supervisor's room links to the reports instead of holding them");
    }

    @Test
    void adminsCreateUsersWithValidation() {
        Session ada = signedIn("ada", "ada-password-1");
        assertEquals(201, ada.post("/console/api/admin/users", "{\"username\":\"dee\",\"password\":\"dee-password-1\","
                + "\"roles\":[\"COUNSELLOR\"],\"languages\":[\"es\"],\"capacity\":2}").statusCode());
        assertEquals(400, ada.post("/console/api/admin/users", "{\"username\":\"x\",\"password\":\"short\","
                + "\"roles\":[\"COUNSELLOR\"]}").statusCode());
        assertEquals(2, counsellors.status("dee").capacity());
        signedIn("dee", "dee-password-1");
    }

    @Test
    void repeatedFailedLogInsAreThrottled() {
        users.create("eve", "eve-password-1", List.of("COUNSELLOR"), List.of("en"), 1);
        for (int i = 0; i < 5; i++) {
            new Session().login("eve", "nope-" + i);
        }
        var r = new Session().login("eve", "eve-password-1");
        assertEquals("/login?error=locked", r.headers().firstValue("Location").orElse(""),
                "even the right password is refused for 15 minutes after 5 failures, and the page can say why");
    }
}
