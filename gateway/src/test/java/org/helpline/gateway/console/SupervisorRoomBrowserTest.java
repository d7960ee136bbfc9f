package org.helpline.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;

/**
 * The liveness alerts in a real headless Chromium against the real service, Redis and the liveness job (every
 * second, limits of a few seconds): a counsellor who has not replied is told on their desk and their conversation is
 * marked, until they reply; the supervisor's room shows, in words, the held conversation with no counsellor reply
 * and the IMMINENT one waiting past its target, each with a way to read it; a supervisor whose page is open in a
 * background tab when a wait passes its target hears the chime, sees the tab's title change and gets a desktop
 * notification in plain words. A screenshot of the supervisor's room goes to
 * {@code target/screenshots/supervisor.png}.
 */
@MicronautTest
class SupervisorRoomBrowserTest extends BrowserTestBase {
    private int number;

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of("supervisor-room", "helpline.simulator.enabled", "true",
                "helpline.campaigns.enabled", "false", "helpline.jobs.liveness", "1s",
                "helpline.liveness.counsellor-silence", "4s", "helpline.liveness.target-wait-imminent", "3s",
                "helpline.liveness.target-wait-high", "3s", "helpline.liveness.supervisor-after", "1s",
                "helpline.liveness.return-after", "10m");
    }

    @Override
    Duration timeout() {
        return Duration.ofSeconds(20);
    }

    @BeforeEach
    void clean() {
        TestRedis.flush();
        users.create("ana", "ana-password-1", List.of("COUNSELLOR"), List.of("en"), 2);
        users.create("sue", "sue-password-1", List.of("SUPERVISOR"), List.of("en"), 1);
    }

    private String texter(String... messages) {
        String from = String.format("+4477008%05d", ++number);
        page.text(from, messages);
        return from;
    }

    @Test
    void aSilentCounsellorIsToldAndTheSupervisorSeesWhatIsStuckAndWhatWaitsTooLong() throws Exception {
        texter("hi", "yes", "talk to someone");
        page.signInAvailable("ana", "ana-password-1");
        driver.findElement(By.id("next")).click();
        page.waitForText("#transcript", "talk to someone");

        // no reply for the limit: the desk says so, and marks the conversation
        page.waitForText("#notices", "you have not replied for");
        page.waitForText("#notices", "Your supervisor has been told");
        page.waitForText("#mine", "No reply from you for");
        page.visible("#mine button.reply-overdue");

        // a reply starts a new silence: the mark goes
        driver.findElement(By.id("reply-text")).sendKeys("Hi, I'm Ana. I'm here now.");
        driver.findElement(By.id("send")).click();
        page.waitForText("#transcript", "I'm here now");
        wait.until(d -> d.findElements(By.cssSelector("#mine button.reply-overdue")).isEmpty());

        // an IMMINENT young person arrives and nobody takes them
        texter("hi", "yes", "1", "i took the pills");

        // the supervisor: both, in words, and each can be read
        driver.findElement(By.cssSelector("form[action='/logout'] button")).click();
        page.signIn("sue", "sue-password-1", "/console/supervisor");
        page.waitForText("#attention-list", "no counsellor reply for");
        page.waitForText("#attention-list", "with ana");
        page.waitForText("#attention-list", "(imminent risk) has waited");
        page.waitForText("#attention-list", "over the 3 s target, and nobody has taken it");
        String attention = driver.findElement(By.id("attention-list")).getText();
        assertFalse(attention.contains("pills") || attention.contains("talk to someone"),
                "no word of the young people's in the alerts: " + attention);
        assertTrue(driver.findElements(By.cssSelector("#conversations tr.needs-attention")).size() >= 2);

        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        Files.write(shots.resolve("supervisor.png"), driver.getScreenshotAs(OutputType.BYTES));

        page.clickFresh("#attention-list li[data-kind=WAIT_OVER_TARGET] button");
        page.waitForText("#reader-transcript", "i took the pills");
    }

    /**
     * The desk's recorder of desktop notifications (the real API underneath), keeping each one's title and body, and
     * a tab the test can send to the background: headless Chromium's own tab is always visible.
     */
    private static final String RECORDER = "window.__notifications = []; if (window.Notification) { "
            + "const N = window.Notification; window.Notification = class extends N { constructor(t, o) { "
            + "super(t, o); window.__notifications.push({ title: t, body: (o && o.body) || '' }); } }; } "
            + "window.__hidden = false; "
            + "Object.defineProperty(document, 'hidden', { configurable: true, get: () => window.__hidden }); "
            + "Object.defineProperty(document, 'visibilityState', { configurable: true, "
            + "get: () => window.__hidden ? 'hidden' : 'visible' });";

    @Test
    @SuppressWarnings("unchecked")
    void aSupervisorInAnotherTabHearsSeesAndIsNotifiedOfAWaitPastItsTargetInPlainWords() {
        Object script = driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORDER))
                .get("identifier");
        try {
            driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", server.getURL().toString(),
                    "permissions", List.of("notifications")));
            driver.manage().deleteAllCookies();

            // the supervisor's page is open, then they turn to another tab
            page.signIn("sue", "sue-password-1", "/console/supervisor");
            // the status sits in "Needs attention now", hidden while nothing needs it: read its text, not what shows
            wait.until(d -> String.valueOf(d.findElement(By.id("supervisor-notify-status")).getAttribute("textContent"))
                    .contains("Desktop alerts are on"));
            String baseTitle = driver.getTitle();
            assertEquals(List.of(), driver.executeScript("return window.__notifications"));
            driver.executeScript("window.__hidden = true; document.dispatchEvent(new Event('visibilitychange'));");

            // an IMMINENT young person arrives, nobody takes them, and the wait passes its target
            String from = texter("hi", "yes", "1", "i took the pills");
            wait.until(d -> d.getTitle().startsWith("⚠ (1) needs attention"));
            wait.until(d -> "played".equals(d.findElement(By.id("attention")).getAttribute("data-sound")));
            assertEquals("1", driver.findElement(By.id("attention")).getAttribute("data-alerted"),
                    "one chime for the one alert");
            List<Map<String, Object>> shown = (List<Map<String, Object>>) driver.executeScript(
                    "return window.__notifications");
            assertEquals(1, shown.size(), shown.toString());
            assertEquals("Helpline: needs attention now", shown.get(0).get("title"));
            String body = (String) shown.get(0).get("body");
            assertTrue(body.matches("Conversation \\S+ \\(imminent risk\\) has waited .+, over the 3 s target, and "
                    + "nobody has taken it\\."), body);
            assertFalse(body.contains(from.substring(1)) || body.contains(from.substring(from.length() - 5))
                    || body.contains("pills"), "no number and no word of the young person's: " + body);
            page.waitForText("#attention-list", "(imminent risk) has waited");

            // back on the tab: the title is the page's again
            driver.executeScript("window.__hidden = false; document.dispatchEvent(new Event('visibilitychange'));");
            wait.until(d -> baseTitle.equals(d.getTitle()));
        } finally {
            driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", script));
        }
    }
}
