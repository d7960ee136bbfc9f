package org.helpline.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.support.Http;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console end to end in a real headless Chromium against the real service and a real Redis: a texter asks for a
 * counsellor in the simulator page (with a script tag in a message), a counsellor signs in, takes the conversation with
 * "Help next", sees the script text as text (no alert fires), receives a message live, replies with a canned response,
 * the texter's phone shows the reply, the counsellor closes with a disposition, and the supervisor and administrator
 * pages show the counts, the counsellor's presence and the audit trail.
 *
 * <p>Chromium and chromedriver come from Debian ({@code .ci/run} installs them); without them this test fails.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest implements TestPropertyProvider {
    private static final Path CHROMIUM = Path.of(System.getProperty("helpline.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("helpline.chromedriver",
            "/usr/bin/chromedriver"));
    private static final String SCRIPT = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    /** Records alert() calls instead of showing them, in every document of a tab. */
    private static final String ALERT_RECORDER =
            "window.__alerts = []; window.alert = function (m) { window.__alerts.push(String(m)); };";

    @Inject
    EmbeddedServer server;
    @Inject
    Users users;

    private ChromeDriver driver;
    private ChromeDriverService service;
    private WebDriverWait wait;
    private String texterTab;
    private String consoleTab;

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of("browser", "helpline.simulator.enabled", "true");
    }

    @BeforeAll
    void startBrowser() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The console browser test needs Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (Debian: apt-get install -y chromium chromium-driver; .ci/run installs them). "
                    + "Other locations: -Dhelpline.chromium=... -Dhelpline.chromedriver=...");
        }
        TestRedis.flush();
        users.create("ana", "ana-password-1", List.of("COUNSELLOR"), List.of("en"), 1);
        users.create("sue", "sue-password-1", List.of("SUPERVISOR"), List.of("en"), 1);
        users.create("ada", "ada-password-1", List.of("ADMIN"), List.of("en"), 1);

        Path profile = Files.createTempDirectory("console-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900", "--user-data-dir=" + profile);
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        texterTab = driver.getWindowHandle();
        recordAlerts();
    }

    @AfterAll
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    private void recordAlerts() {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", ALERT_RECORDER));
    }

    private String url(String path) {
        return server.getURL() + path;
    }

    private WebElement visible(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    private void waitForText(String css, String text) {
        wait.withMessage(() -> "'" + text + "' in " + css + ", which shows: "
                        + driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList()
                        + " on " + driver.getCurrentUrl() + ": " + abbreviate(driver.getPageSource()))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    private static String abbreviate(String page) {
        return page == null || page.length() < 600 ? page : page.substring(0, 600) + "…";
    }

    /** The texter types a message in the simulator page and waits for the helpline's answer to arrive. */
    private void texterSays(String text) {
        driver.switchTo().window(texterTab);
        WebElement box = driver.findElement(By.id("text"));
        box.sendKeys(text, Keys.ENTER);
        wait.until(d -> d.findElement(By.id("send")).isEnabled());
    }

    private void signIn(String user, String password) {
        driver.get(url("/login"));
        visible("#username").sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("sign-in")).click();
    }

    private void signOut() {
        driver.findElement(By.cssSelector("form[action='/logout'] button")).click();
        waitForText("#message", "You have signed out");
    }

    private void assertNoAlert() {
        assertEquals(0L, ((JavascriptExecutor) driver).executeScript("return window.__alerts.length"),
                "no script written by a texter ran");
        try {
            driver.switchTo().alert();
            fail("an alert is open");
        } catch (NoAlertPresentException expected) {
            // as it should be
        }
    }

    @Test
    void aTexterACounsellorAndASupervisor() {
        // The texter opens the simulator.
        driver.get(url("/simulator"));
        visible("#text");

        // The counsellor signs in (a wrong password first), in another tab.
        driver.switchTo().newWindow(WindowType.TAB);
        consoleTab = driver.getWindowHandle();
        recordAlerts();
        signIn("ana", "not-her-password");
        waitForText("#message", "do not match");
        signIn("ana", "ana-password-1");
        wait.until(ExpectedConditions.urlToBe(url("/console")));
        waitForText("#me", "ana");
        waitForText("#live", "Live");

        // Nothing is offered while she is not available, then nothing waits.
        driver.findElement(By.id("next")).click();
        waitForText("#next-status", "not set as available");
        driver.findElement(By.xpath("//input[@name='presence'][@value='available']/following-sibling::span")).click();
        wait.until(ExpectedConditions.elementSelectionStateToBe(
                By.cssSelector("input[name=presence][value=available]"), true));
        wait.until(ExpectedConditions.textToBe(By.id("next-status"), ""));
        driver.findElement(By.id("next")).click();
        waitForText("#next-status", "Nobody is waiting");

        // The texter asks for a person, then writes a script tag.
        texterSays("hi");
        texterSays("yes");
        texterSays("can i talk to a counsellor");
        waitForText("#log", "You are number 1 in line");
        texterSays(SCRIPT);

        // The counsellor's page learns of the queue live, and "Help next" opens the transcript.
        driver.switchTo().window(consoleTab);
        waitForText("#queue-depth", "1 young person is waiting");
        driver.findElement(By.id("next")).click();
        waitForText("#transcript", "can i talk to a counsellor");
        waitForText("#conv-reasons", "Asked for a counsellor");
        assertTrue(driver.findElements(By.cssSelector("#transcript .line.in .bubble")).stream()
                .anyMatch(b -> b.getText().equals(SCRIPT)), "the script is shown as the characters the texter typed");
        assertTrue(driver.findElements(By.cssSelector("#transcript script, #transcript img")).isEmpty(),
                "no element was made from a texter's text");
        waitForText("#mine", "with you for");
        assertNoAlert();

        // A message while she holds the conversation arrives live (the bot stays silent).
        texterSays("are you real?");
        driver.switchTo().window(consoleTab);
        waitForText("#transcript", "are you real?");

        // She replies with a canned response; the texter's phone shows it.
        new Select(driver.findElement(By.id("canned"))).selectByIndex(1);
        String reply = driver.findElement(By.id("reply-text")).getDomProperty("value");
        assertTrue(reply.startsWith("Hi, I'm a counsellor"), reply);
        driver.findElement(By.id("send")).click();
        wait.until(d -> d.findElements(By.cssSelector("#transcript .line.counsellor")).size() == 1);
        driver.switchTo().window(texterTab);
        waitForText("#log", "Hi, I'm a counsellor at the helpline");

        // She closes with a disposition; the texter is told and the bot is back.
        driver.switchTo().window(consoleTab);
        driver.findElement(By.cssSelector("#close-box summary")).click();
        new Select(visible("#disposition")).selectByValue("peer_relationships");
        new Select(driver.findElement(By.id("outcome"))).selectByValue("SUPPORTED");
        driver.findElement(By.id("notes")).sendKeys("talked it through");
        driver.findElement(By.cssSelector("#close button[type=submit]")).click();
        visible("#close-yes").click();                 // closing asks once more
        waitForText("#notices", "closed");
        visible("#mine-empty");
        assertNoAlert();
        driver.switchTo().window(texterTab);
        waitForText("#log", "The counsellor has ended this chat");

        // Another young person is waiting when the supervisor looks.
        for (String text : List.of("hi", "yes", "talk to someone")) {
            var r = Http.post(url("/simulator/api/messages"), "application/json",
                    Http.utf8("{\"from\":\"+447700902002\",\"text\":\"" + text + "\"}"), Map.of());
            assertEquals(200, r.statusCode(), r.body());
        }

        // The supervisor: queue depth, the counsellor's presence and load, and any conversation readable.
        driver.switchTo().window(consoleTab);
        signOut();
        signIn("sue", "sue-password-1");
        wait.until(ExpectedConditions.urlToBe(url("/console/supervisor")));
        wait.until(ExpectedConditions.textToBe(By.id("depth-total"), "1"));
        WebElement ana = visible("tr[data-counsellor=ana]");
        assertTrue(ana.getText().contains("Available") && ana.getText().contains("0 / 1"), ana.getText());
        visible("#chart svg");
        visible("#conversations tr[data-conversation] button").click();
        waitForText("#reader-transcript", "talk to someone");

        // The administrator sees what happened in the audit log.
        signOut();
        signIn("ada", "ada-password-1");
        wait.until(ExpectedConditions.urlToBe(url("/console/admin")));
        waitForText("#audit", "close:peer_relationships");
        waitForText("#audit", "supervisor-view");
        assertNoAlert();
    }
}
