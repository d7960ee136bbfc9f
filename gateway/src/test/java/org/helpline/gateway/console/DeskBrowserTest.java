package org.helpline.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.support.ConsoleBrowser;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The counsellor desk in a real headless Chromium against the real service and Redis, texters writing through the
 * simulator's API: on a one-counsellor shift a conversation transferred back to the queue is offered to the same
 * counsellor again, and the young person's phone shows they were told; the colleague picker never offers oneself;
 * the desk shows the queue by tier with the longest wait in each as a duration, and an IMMINENT arrival raises the
 * in-page alert, the tab title, a desktop notification (permission granted to the browser) and a WebAudio beep.
 * A screenshot of the desk with its urgency panel goes to {@code target/screenshots/desk.png}.
 */
@MicronautTest
class DeskBrowserTest extends BrowserTestBase {
    private int number;

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of("desk-browser", "helpline.simulator.enabled", "true",
                "helpline.campaigns.enabled", "false");
    }

    @BeforeEach
    void clean() {
        TestRedis.flush();
        users.create("ana", "ana-password-1", List.of("COUNSELLOR"), List.of("en"), 2);
    }

    /** A young person writing in the simulator; returns their number. */
    private String texter(String... messages) {
        String from = String.format("+4477009%05d", ++number);
        page.text(from, messages);
        return from;
    }

    private Object js(String script) {
        return driver.executeScript(script);
    }

    @Test
    void onAOneCounsellorShiftATransferBackToTheQueueComesBackToTheSameCounsellor() {
        String from = texter("hi", "yes", "talk to someone");
        page.signInAvailable("ana", "ana-password-1");
        driver.findElement(By.id("next")).click();
        page.waitForText("#transcript", "talk to someone");

        // to a colleague: she is never offered herself, and is told nobody is free (no username to type)
        driver.findElement(By.cssSelector("#transfer-box summary")).click();
        page.visible("input[name=transfer-to][value=colleague]").click();
        page.waitForText("#colleague-status", "No colleague is available with room right now");
        assertTrue(driver.findElements(By.cssSelector("#colleague option[value=ana]")).isEmpty(), "not herself");
        page.visible("#conversation");

        // the open picker follows the shift: a colleague who becomes available is listed without reopening it, and
        // gone again when they step away
        users.create("ben", "ben-password-1", List.of("COUNSELLOR"), List.of("en"), 2);
        ConsoleBrowser ben = ConsoleBrowser.signIn(server.getURL().toString(), "ben", "ben-password-1");
        assertEquals(200, ben.post("/console/api/presence", "{\"presence\":\"available\"}").statusCode());
        page.waitForText("#colleague", "ben · 0 of 2 conversations · en");
        new Select(driver.findElement(By.id("colleague"))).selectByValue("ben");
        assertEquals(200, ben.post("/console/api/presence", "{\"presence\":\"away\"}").statusCode());
        page.waitForText("#colleague-status", "No colleague is available with room right now");

        // back to the queue: the young person is told, and Help next offers it to her again
        page.visible("input[name=transfer-to][value=queue]").click();
        driver.findElement(By.cssSelector("#transfer button[type=submit]")).click();
        page.waitForText("#notices", "is back in the queue");
        page.visible("#placeholder");
        assertTrue(page.phone(from).contains("Your chat is back in line for the next counsellor who can help"),
                page.phone(from));
        driver.findElement(By.id("next")).click();
        page.waitForText("#transcript", "Your chat is back in line");
        page.waitForText("#transcript", "talk to someone");
        assertTrue(driver.findElement(By.id("next-status")).getText().isEmpty(),
                "not 'Nobody is waiting': " + driver.findElement(By.id("next-status")).getText());
    }

    @Test
    void aYoungPersonWritingFasterThanTheRateLimitIsStillSeenLiveByTheirCounsellor() {
        String from = texter("hi", "yes", "can i talk to a counsellor");
        page.signInAvailable("ana", "ana-password-1");
        driver.findElement(By.id("next")).click();
        page.waitForText("#transcript", "can i talk to a counsellor");
        // more than the sender's burst (20) in a row: the flows stop running for them, the counsellor still sees all
        String[] burst = new String[24];
        for (int i = 0; i < burst.length; i++) {
            burst[i] = "and one more thing " + (i + 1);
        }
        page.text(from, burst);
        page.waitForText("#transcript", "and one more thing 24 [rate-limited]");
        assertEquals(1L, (long) (Long) js("return [...document.querySelectorAll('#transcript li')]"
                + ".filter(l => l.textContent.includes('and one more thing 24')).length"), "shown once");
    }

    @Test
    void anAdministratorsChangeOfLanguagesAndCapacityReachesTheOpenDesk() {
        users.create("ada", "ada-password-1", List.of("ADMIN"), List.of("en"), 1);
        page.signInAvailable("ana", "ana-password-1");
        ConsoleBrowser ada = ConsoleBrowser.signIn(server.getURL().toString(), "ada", "ada-password-1");
        assertEquals(200, ada.post("/console/api/admin/users/ana/languages",
                "{\"languages\":[\"en\",\"fr\"],\"capacity\":3}").statusCode());
        page.waitForText("#notices", "languages en, fr, up to 3 conversations at once");
    }

    @Test
    void anImminentArrivalRaisesTheAlertTheTitleANotificationAndASound() throws Exception {
        // record desktop notifications as the page makes them (the real API underneath)
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.__notifications = []; if (window.Notification) { const N = window.Notification; "
                        + "window.Notification = class extends N { constructor(t, o) { super(t, o); "
                        + "window.__notifications.push(t); } }; }"));
        driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", server.getURL().toString(),
                "permissions", List.of("notifications")));
        texter("hi", "yes", "can i talk to a counsellor");           // LOW, waiting before the desk opens
        page.signInAvailable("ana", "ana-password-1");

        // on load: the queue by tier, the wait as a duration, no alarm
        page.waitForText("#tiers li[data-tier=LOW]", "1 waiting");
        String low = driver.findElement(By.cssSelector("#tiers li[data-tier=LOW]")).getText();
        assertTrue(low.matches("(?s).*longest waiting \\d+ (s|min).*"), low);
        page.waitForText("#tiers li[data-tier=IMMINENT]", "nobody");
        page.waitForText("#notify-status", "Desktop alerts are on");
        assertTrue(driver.findElement(By.id("urgent-alert")).getAttribute("hidden") != null, "no alarm yet");
        assertTrue(!driver.getTitle().contains("IMMINENT"), driver.getTitle());

        // a young person at imminent risk arrives while the desk is open
        texter("hi", "yes", "1", "i took the pills");
        page.waitForText("#urgent-alert", "A young person at imminent risk is waiting");
        page.waitForText("#tiers li[data-tier=IMMINENT]", "1 waiting");
        wait.until(d -> d.getTitle().startsWith("⚠ IMMINENT waiting"));
        assertEquals(List.of("Imminent risk: a young person is waiting"), js("return window.__notifications"),
                "one desktop notification, without a word of the young person's");
        wait.until(d -> "played".equals(d.findElement(By.id("urgent-alert")).getAttribute("data-sound")));

        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        Files.write(shots.resolve("desk.png"), driver.getScreenshotAs(OutputType.BYTES));

        // taking it clears the alarm
        driver.findElement(By.id("next")).click();
        page.waitForText("#transcript", "i took the pills");
        wait.until(d -> d.findElement(By.id("urgent-alert")).getAttribute("hidden") != null);
        wait.until(d -> !d.getTitle().contains("IMMINENT"));
    }
}
