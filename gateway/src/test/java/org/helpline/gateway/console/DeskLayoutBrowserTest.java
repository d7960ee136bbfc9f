package org.helpline.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;

/**
 * The desk at 1280×800 in a real headless Chromium, a long conversation open whose header carries a "not safe to
 * text" alert: the page itself does not scroll, the conversation column is the one scroll region, the reply box and
 * Send stay in view wherever it is scrolled, the alert is shown in full and the newest line can be brought into view
 * above the reply box. Notices that pile up are cleared with one button. Screenshot:
 * {@code target/screenshots/desk-1280x800.png}.
 */
@MicronautTest
class DeskLayoutBrowserTest extends BrowserTestBase {

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of("desk-layout", "helpline.simulator.enabled", "true",
                "helpline.campaigns.enabled", "false");
    }

    @BeforeEach
    void clean() {
        TestRedis.flush();
        users.create("ana", "ana-password-1", List.of("COUNSELLOR"), List.of("en"), 2);
    }

    private long number(String script) {
        return ((Number) driver.executeScript("return " + script)).longValue();
    }

    /** A window of 1280×800 and a claimed conversation of thirty-odd messages, the first ones as given. */
    private void claimLongConversation(String from, String... first) {
        driver.manage().window().setSize(new Dimension(1280, 800));
        List<String> messages = new ArrayList<>(List.of(first));
        for (int i = 1; i <= 30; i++) {
            messages.add("and another thing about school, number " + i);
        }
        page.text(from, messages.toArray(String[]::new));
        page.signInAvailable("ana", "ana-password-1");
        driver.findElement(By.id("next")).click();
        page.waitForText("#transcript", "number 30");
    }

    /** The element's box in the viewport, rounded: top, bottom, left, right. */
    private long[] box(String css) {
        @SuppressWarnings("unchecked")
        List<Number> r = (List<Number>) driver.executeScript("const r = document.querySelector(arguments[0])"
                + ".getBoundingClientRect(); return [r.top, r.bottom, r.left, r.right].map(Math.round);", css);
        return r.stream().mapToLong(Number::longValue).toArray();
    }

    private void assertInViewport(String css, String what) {
        long[] b = box(css);
        long height = number("window.innerHeight");
        long width = number("window.innerWidth");
        assertTrue(b[0] >= 0 && b[1] <= height && b[2] >= 0 && b[3] <= width,
                what + " is fully in view: " + b[0] + "–" + b[1] + " × " + b[2] + "–" + b[3] + " of " + width + "×"
                        + height);
    }

    private void assertReplyInView(String when) {
        assertInViewport("#reply-text", "the reply box (" + when + ")");
        assertInViewport("#send", "Send (" + when + ")");
    }

    @Test
    void atLaptopSizeThePageDoesNotScrollTheReplyBoxStaysInViewAndTheHeaderAlertIsShownInFull() throws Exception {
        String from = "+447700905102";
        claimLongConversation(from, "hi", "yes", "can i talk to a counsellor",
                "is it safe for you to text me back? my mum checks my phone");
        page.waitForText("#alerts", "NOT SAFE TO TEXT BACK");
        String alert = "#alerts .alert.not-safe-to-text";
        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        Files.write(shots.resolve("desk-1280x800.png"), driver.getScreenshotAs(OutputType.BYTES));

        long viewport = number("window.innerHeight");
        assertTrue(viewport <= 800, "a 1280×800 window: " + viewport);
        assertTrue(number("document.scrollingElement.scrollHeight") <= viewport,
                "the page itself does not scroll: " + number("document.scrollingElement.scrollHeight") + " > "
                        + viewport);
        assertTrue(number("document.getElementById('conversation').scrollHeight")
                        > number("document.getElementById('conversation').clientHeight"),
                "a long conversation overflows its column, which scrolls");
        assertTrue(number("document.getElementById('transcript').scrollHeight")
                        <= number("document.getElementById('transcript').clientHeight"),
                "the transcript does not scroll within the column: the column is the one scroll region");

        // opened with an alert, the column is at its top: the alert in full, clear of the reply box
        assertEquals(0, number("document.getElementById('conversation').scrollTop"), "read from the top");
        assertEquals(number("document.querySelector('" + alert + "').scrollHeight"),
                number("document.querySelector('" + alert + "').clientHeight"), "the alert is not clipped");
        assertEquals(number("document.querySelector('.conv-head').scrollHeight"),
                number("document.querySelector('.conv-head').clientHeight"), "nor is the header holding it");
        long[] shown = box(alert);
        long[] column = box("#conversation");
        long[] reply = box("#reply");
        assertTrue(shown[0] >= column[0] && shown[1] <= reply[0] && shown[1] <= viewport,
                "the alert is in view above the reply box: " + shown[0] + "–" + shown[1] + ", column from "
                        + column[0] + ", reply box from " + reply[0]);
        assertTrue(shown[1] - shown[0] >= 40, "at its full height: " + (shown[1] - shown[0]));
        assertReplyInView("the column at its top");

        driver.executeScript("const c = document.getElementById('conversation'); c.scrollTop = c.scrollHeight / 3;");
        assertReplyInView("the column scrolled part way");

        // the newest line, scrolled to, is in view above the reply box
        driver.executeScript("const c = document.getElementById('conversation'); c.scrollTop = c.scrollHeight;");
        String newest = "#transcript > li:last-child";
        long[] line = box(newest);
        assertTrue(line[0] >= box("#conversation")[0] && line[1] <= box("#reply")[0],
                "the newest line is in view above the reply box: " + line[0] + "–" + line[1] + ", reply box from "
                        + box("#reply")[0]);
        assertReplyInView("the column at its end");
        assertTrue(number("document.scrollingElement.scrollHeight") <= viewport, "the page still does not scroll");

        // a line that comes while the newest is in view is followed, above the reply box
        page.text(from, "are you still there");
        page.waitForText(newest, "are you still there");
        page.wait.until(d -> box(newest)[1] <= box("#reply")[0]);
        assertReplyInView("after a new line");
        assertInViewport("#close-box summary", "with the new line, the folded close form under the reply box");

        // another conversation opened meanwhile, this one opens again where it was left: at the newest line
        String first = driver.findElement(By.id("conv-title")).getText().split(" ")[1];
        page.text("+447700905103", "hi", "yes", "can i talk to a counsellor", "i am the second one");
        page.clickFresh("#next");
        page.waitForText("#transcript", "i am the second one");
        page.clickFresh(By.xpath("//ul[@id='mine']//button[contains(., '" + first + "')]"));
        page.waitForText("#transcript", "are you still there");
        page.wait.until(d -> number("document.getElementById('conversation').scrollTop") > 0
                && box(newest)[1] <= box("#reply")[0]);
        assertReplyInView("opened again");
    }

    @Test
    void noticesThatPileUpAreClearedWithOneButton() throws Exception {
        claimLongConversation("+447700905101", "hi", "yes", "can i talk to a counsellor");

        // notices that stay (warnings, errors) pile up: from two on, one button clears them all
        driver.executeScript("Console.notice('first warning', 'warn'); Console.notice('an error', 'error');"
                + "Console.notice('second warning', 'warn');");
        page.waitForText("#notices .dismiss-all", "Dismiss all 3 notices");
        driver.findElement(By.cssSelector("#notices .notice button")).click();
        page.waitForText("#notices .dismiss-all", "Dismiss all 2 notices");
        page.visible("#notices .dismiss-all button").click();
        page.wait.until(d -> d.findElements(By.cssSelector("#notices .notice, #notices .dismiss-all")).isEmpty());
        driver.executeScript("Console.notice('alone', 'warn');");
        page.waitForText("#notices", "alone");
        assertEquals(0, driver.findElements(By.cssSelector("#notices .dismiss-all")).size(),
                "one notice has its own Dismiss only");
    }
}
