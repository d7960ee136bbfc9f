package org.helpline.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.privacy.Pseudonymiser;
import org.helpline.gateway.support.Chromium;
import org.helpline.gateway.support.ConsoleBrowser;
import org.helpline.gateway.support.Http;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Assignment and handover in a real headless Chromium: a supervisor picks an available counsellor with room from a
 * list (no username typed) and assigns a waiting conversation with a handover note; the young person is told a
 * counsellor has joined, in their language, unless they said it is not safe to text them; the counsellor reads the
 * note first; she transfers one to a colleague she picks, with a note; refusals are in words; closing asks once more.
 * Screenshot of the supervisor's assignment: {@code target/screenshots/supervisor-assign.png}.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssignmentBrowserTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;
    @Inject
    Users users;
    @Inject
    Pseudonymiser pseudonymiser;

    private Chromium chromium;
    private ChromeDriver driver;
    private WebDriverWait wait;

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of("assignment-browser", "helpline.simulator.enabled", "true",
                "helpline.campaigns.enabled", "false");
    }

    @BeforeAll
    void startBrowser() {
        chromium = Chromium.start();
        driver = chromium.driver;
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    @AfterAll
    void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void clean() {
        TestRedis.flush();
        users.create("ana", "ana-password-1", List.of("COUNSELLOR"), List.of("en"), 2);
        users.create("ben", "ben-password-1", List.of("COUNSELLOR"), List.of("en", "es"), 1);
        users.create("cal", "cal-password-1", List.of("COUNSELLOR"), List.of("en"), 1);
        users.create("sue", "sue-password-1", List.of("SUPERVISOR"), List.of("en"), 1);
    }

    private String url(String path) {
        return server.getURL() + path;
    }

    private void texter(String from, String... messages) {
        for (String text : messages) {
            var r = Http.post(url("/simulator/api/messages"), "application/json",
                    Http.utf8("{\"from\":\"" + from + "\",\"text\":\"" + text + "\"}"), Map.of());
            assertEquals(200, r.statusCode(), r.body());
        }
    }

    private String phone(String from) {
        return Http.get(url("/simulator/api/outbox?from=" + from.replace("+", "%2B"))).body();
    }

    private WebElement visible(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Clicks what {@code css} finds, again if the page re-rendered it in between (the supervisor's tables refresh). */
    private void clickFresh(String css) {
        clickFresh(By.cssSelector(css));
    }

    private void clickFresh(By by) {
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            WebElement e = d.findElement(by);
            if (!e.isDisplayed()) {
                return false;
            }
            e.click();
            return true;
        });
    }

    private void waitForText(String css, String text) {
        wait.withMessage(() -> "'" + text + "' in " + css + ", which shows: "
                        + driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList())
                .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    private void signIn(String user, String password, String page) {
        driver.get(url("/login"));
        visible("#username").sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.urlToBe(url(page)));
        waitForText("#live", "Live");
    }

    private ConsoleBrowser available(String user) {
        ConsoleBrowser b = ConsoleBrowser.signIn(server.getURL().toString(), user, user + "-password-1");
        assertEquals(200, b.post("/console/api/presence", "{\"presence\":\"available\"}").statusCode());
        return b;
    }

    private void assign(String from, String to, String note) {
        String id = pseudonymiser.pseudonym("sim:" + from);
        clickFresh("#conversations tr[data-conversation='" + id + "'] button.assign");
        visible("#assign-to");
        wait.until(d -> !new Select(d.findElement(By.id("assign-to"))).getOptions().isEmpty());
        new Select(driver.findElement(By.id("assign-to"))).selectByValue(to);
        driver.findElement(By.id("assign-note")).sendKeys(note);
        driver.findElement(By.id("assign-submit")).click();
        waitForText("#notices", "is now with " + to);
    }

    @Test
    void aSupervisorAssignsWithANoteTheCounsellorReadsItFirstAndHandsOneOnToAColleague() throws Exception {
        String maya = "+447700904001";
        String safe = "+447700904002";
        texter(maya, "hi", "yes", "can i talk to a counsellor");
        texter(safe, "hi", "yes", "can i talk to a counsellor",
                "is it safe for you to text me back? my mum checks my phone");
        int safeMessagesBefore = phone(safe).split("\"text\"").length;
        ConsoleBrowser ana = available("ana");
        available("ben");
        ConsoleBrowser cal = available("cal");
        assertEquals(200, cal.post("/console/api/presence", "{\"presence\":\"away\"}").statusCode());

        // the supervisor picks from who is available with room: ana and ben, not cal (away)
        signIn("sue", "sue-password-1", "/console/supervisor");
        clickFresh("#conversations tr[data-conversation] button.assign");
        wait.until(d -> new Select(d.findElement(By.id("assign-to"))).getOptions().size() == 2);
        List<String> offered = new Select(driver.findElement(By.id("assign-to"))).getOptions().stream()
                .map(WebElement::getText).toList();
        assertTrue(offered.get(0).startsWith("ana · 0 of 2 conversations · en"), offered.toString());
        assertTrue(offered.stream().noneMatch(o -> o.startsWith("cal")), "cal is away: " + offered);
        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        Files.write(shots.resolve("supervisor-assign.png"), driver.getScreenshotAs(OutputType.BYTES));
        driver.findElement(By.id("assign-cancel")).click();

        assign(maya, "ana", "Maya asked for a person; be gentle, she has written to us before.");
        assign(safe, "ana", "Not safe to text: wait for her to write.");
        assertTrue(phone(maya).contains("A counsellor has joined the chat"), phone(maya));
        assertEquals(safeMessagesBefore, phone(safe).split("\"text\"").length,
                "nothing unprompted to a young person it is not safe to text: " + phone(safe));
        assertFalse(phone(safe).contains("A counsellor has joined"));

        // a refusal in words: cal is away
        String mayaId = pseudonymiser.pseudonym("sim:" + maya);
        var refused = ana.post("/console/api/conversations/" + mayaId + "/transfer", "{\"to\":\"cal\"}");
        assertEquals(409, refused.statusCode());
        assertTrue(refused.body().contains("cal is not available right now"), refused.body());

        // ana reads the note first
        driver.findElement(By.cssSelector("form[action='/logout'] button")).click();
        signIn("ana", "ana-password-1", "/console");
        waitForText("#mine", pseudonymiser.pseudonym("sim:" + safe).substring(0, 8));
        clickFresh("#mine li:nth-child(1) button");
        waitForText("#alerts", "Handover note from sue");
        String first = driver.findElement(By.id("alerts")).getText();
        assertTrue(first.contains("Maya asked for a person") || first.contains("Not safe to text: wait"), first);

        // she hands Maya's on to ben, whom she picks, with a note
        clickFresh(By.xpath("//ul[@id='mine']//button[contains(., '" + mayaId.substring(0, 8) + "')]"));
        waitForText("#alerts", "Maya asked for a person");
        driver.findElement(By.cssSelector("#transfer-box summary")).click();
        visible("input[name=transfer-to][value=colleague]").click();
        wait.until(d -> d.findElements(By.cssSelector("#colleague option[value=ben]")).size() == 1);
        assertTrue(driver.findElements(By.cssSelector("#colleague option[value=ana]")).isEmpty(), "not herself");
        assertTrue(driver.findElements(By.cssSelector("#colleague option[value=cal]")).isEmpty(), "not cal (away)");
        new Select(driver.findElement(By.id("colleague"))).selectByValue("ben");
        driver.findElement(By.id("handover-note")).sendKeys("She wants to talk about school.");
        driver.findElement(By.cssSelector("#transfer button[type=submit]")).click();
        waitForText("#notices", "transferred to ben");
        ConsoleBrowser benDesk = ConsoleBrowser.signIn(server.getURL().toString(), "ben", "ben-password-1");
        String benView = benDesk.get("/console/api/conversations/" + mayaId).body();
        assertTrue(benView.contains("She wants to talk about school.") && benView.contains("\"from\":\"ana\""),
                "the note reaches the colleague: " + benView);

        // closing asks once more; "Keep it open" keeps it
        clickFresh("#mine li button");
        waitForText("#alerts", "Not safe to text");
        driver.findElement(By.cssSelector("#close-box summary")).click();
        new Select(visible("#disposition")).selectByValue("family");
        new Select(driver.findElement(By.id("outcome"))).selectByValue("SUPPORTED");
        driver.findElement(By.cssSelector("#close button[type=submit]")).click();
        waitForText("#close-confirm", "Nothing is sent to the young person");
        driver.findElement(By.id("close-no")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("close-confirm")));
        visible("#conversation");
        driver.findElement(By.cssSelector("#close button[type=submit]")).click();
        visible("#close-yes").click();
        waitForText("#notices", "closed");
        visible("#placeholder");
    }
}
