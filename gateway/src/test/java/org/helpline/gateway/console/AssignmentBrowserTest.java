package org.helpline.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.privacy.Pseudonymiser;
import org.helpline.gateway.support.ConsoleBrowser;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.helpline.gateway.support.ConsolePage;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Assignment and handover in a real headless Chromium: a supervisor picks an available counsellor with room from a
 * list (no username typed) and assigns a waiting conversation with a handover note; the young person is told a
 * counsellor has joined, in their language, unless they said it is not safe to text them; the counsellor reads the
 * note first; she transfers one to a colleague she picks, with a note; refusals are in words; closing asks once more.
 * A supervisor reassigns a held conversation from one counsellor to another, both desks open: the former holder's
 * desk loses it with a notice, the new one is told and reads the note first.
 * Screenshots of the supervisor's assignment and reassignment: {@code target/screenshots/supervisor-assign.png},
 * {@code supervisor-reassign.png}.
 */
@MicronautTest
class AssignmentBrowserTest extends BrowserTestBase {
    @Inject
    Pseudonymiser pseudonymiser;


    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of("assignment-browser", "helpline.simulator.enabled", "true",
                "helpline.campaigns.enabled", "false");
    }

    @BeforeEach
    void clean() {
        TestRedis.flush();
        users.create("ana", "ana-password-1", List.of("COUNSELLOR"), List.of("en"), 2);
        users.create("ben", "ben-password-1", List.of("COUNSELLOR"), List.of("en", "es"), 1);
        users.create("cal", "cal-password-1", List.of("COUNSELLOR"), List.of("en"), 1);
        users.create("sue", "sue-password-1", List.of("SUPERVISOR"), List.of("en"), 1);
    }

    private ConsoleBrowser available(String user) {
        ConsoleBrowser b = ConsoleBrowser.signIn(server.getURL().toString(), user, user + "-password-1");
        assertEquals(200, b.post("/console/api/presence", "{\"presence\":\"available\"}").statusCode());
        return b;
    }

    private void assign(String from, String to, String note) {
        String id = pseudonymiser.pseudonym("sim:" + from);
        page.clickFresh("#conversations tr[data-conversation='" + id + "'] button.assign");
        page.visible("#assign-to");
        wait.until(d -> !new Select(d.findElement(By.id("assign-to"))).getOptions().isEmpty());
        new Select(driver.findElement(By.id("assign-to"))).selectByValue(to);
        driver.findElement(By.id("assign-note")).sendKeys(note);
        driver.findElement(By.id("assign-submit")).click();
        page.waitForText("#notices", "is now with " + to);
    }

    @Test
    void aSupervisorAssignsWithANoteTheCounsellorReadsItFirstAndHandsOneOnToAColleague() throws Exception {
        String maya = "+447700904001";
        String safe = "+447700904002";
        page.text(maya, "hi", "yes", "can i talk to a counsellor");
        page.text(safe, "hi", "yes", "can i talk to a counsellor",
                "is it safe for you to text me back? my mum checks my phone");
        int safeMessagesBefore = page.phone(safe).split("\"text\"").length;
        ConsoleBrowser ana = available("ana");
        available("ben");
        ConsoleBrowser cal = available("cal");
        assertEquals(200, cal.post("/console/api/presence", "{\"presence\":\"away\"}").statusCode());

        // the supervisor picks from who is available with room: ana and ben, not cal (away)
        page.signIn("sue", "sue-password-1", "/console/supervisor");
        page.clickFresh("#conversations tr[data-conversation] button.assign");
        wait.until(d -> new Select(d.findElement(By.id("assign-to"))).getOptions().size() == 2);
        List<String> offered = new Select(driver.findElement(By.id("assign-to"))).getOptions().stream()
                .map(WebElement::getText).toList();
        assertTrue(offered.get(0).startsWith("ana · 0 of 2 conversations · en"), offered.toString());
        assertTrue(offered.stream().noneMatch(o -> o.startsWith("cal")), "cal is away: " + offered);
        // the page scrolls smoothly to the form: the picture once it is all in view, not half-way there
        wait.until(d -> (Boolean) driver.executeScript("const r = document.getElementById('assign')"
                + ".getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight;"));
        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        Files.write(shots.resolve("supervisor-assign.png"), driver.getScreenshotAs(OutputType.BYTES));
        driver.findElement(By.id("assign-cancel")).click();

        assign(maya, "ana", "Maya asked for a person; be gentle, she has written to us before.");
        assign(safe, "ana", "Not safe to text: wait for her to write.");
        assertTrue(page.phone(maya).contains("A counsellor has joined the chat"), page.phone(maya));
        assertEquals(safeMessagesBefore, page.phone(safe).split("\"text\"").length,
                "nothing unprompted to a young person it is not safe to text: " + page.phone(safe));
        assertFalse(page.phone(safe).contains("A counsellor has joined"));

        // a refusal in words: cal is away
        String mayaId = pseudonymiser.pseudonym("sim:" + maya);
        var refused = ana.post("/console/api/conversations/" + mayaId + "/transfer", "{\"to\":\"cal\"}");
        assertEquals(409, refused.statusCode());
        assertTrue(refused.body().contains("cal is not available right now"), refused.body());

        // ana reads the note first
        driver.findElement(By.cssSelector("form[action='/logout'] button")).click();
        page.signIn("ana", "ana-password-1", "/console");
        page.waitForText("#mine", pseudonymiser.pseudonym("sim:" + safe).substring(0, 8));
        page.clickFresh("#mine li:nth-child(1) button");
        page.waitForText("#alerts", "Handover note from sue");
        String first = driver.findElement(By.id("alerts")).getText();
        assertTrue(first.contains("Maya asked for a person") || first.contains("Not safe to text: wait"), first);

        // she hands Maya's on to ben, whom she picks, with a note
        page.clickFresh(By.xpath("//ul[@id='mine']//button[contains(., '" + mayaId.substring(0, 8) + "')]"));
        page.waitForText("#alerts", "Maya asked for a person");
        driver.findElement(By.cssSelector("#transfer-box summary")).click();
        page.visible("input[name=transfer-to][value=colleague]").click();
        wait.until(d -> d.findElements(By.cssSelector("#colleague option[value=ben]")).size() == 1);
        assertTrue(driver.findElements(By.cssSelector("#colleague option[value=ana]")).isEmpty(), "not herself");
        assertTrue(driver.findElements(By.cssSelector("#colleague option[value=cal]")).isEmpty(), "not cal (away)");
        new Select(driver.findElement(By.id("colleague"))).selectByValue("ben");
        driver.findElement(By.id("handover-note")).sendKeys("She wants to talk about school.");
        driver.findElement(By.cssSelector("#transfer button[type=submit]")).click();
        page.waitForText("#notices", "transferred to ben");
        ConsoleBrowser benDesk = ConsoleBrowser.signIn(server.getURL().toString(), "ben", "ben-password-1");
        String benView = benDesk.get("/console/api/conversations/" + mayaId).body();
        assertTrue(benView.contains("She wants to talk about school.") && benView.contains("\"from\":\"ana\""),
                "the note reaches the colleague: " + benView);

        // closing asks once more; "Keep it open" keeps it
        page.clickFresh("#mine li button");
        page.waitForText("#alerts", "Not safe to text");
        driver.findElement(By.cssSelector("#close-box summary")).click();
        new Select(page.visible("#disposition")).selectByValue("family");
        new Select(driver.findElement(By.id("outcome"))).selectByValue("SUPPORTED");
        driver.findElement(By.cssSelector("#close button[type=submit]")).click();
        page.waitForText("#close-confirm", "Nothing is sent to the young person");
        driver.findElement(By.id("close-no")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("close-confirm")));
        page.visible("#conversation");
        driver.findElement(By.cssSelector("#close button[type=submit]")).click();
        page.visible("#close-yes").click();
        page.waitForText("#notices", "closed");
        page.visible("#placeholder");
    }

    /**
     * A desk in a new tab of this browser signed in at {@code origin}: another host name of the same server keeps its
     * own session cookie, so two counsellors' desks run side by side in one Chromium.
     */
    private String deskInNewTab(String origin, String user) {
        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(origin + "/login");
        page.visible("#username").sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(user + "-password-1");
        driver.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.urlToBe(origin + "/console"));
        page.waitForText("#live", "Live");
        driver.findElement(By.xpath("//input[@name='presence'][@value='available']/following-sibling::span")).click();
        wait.until(ExpectedConditions.elementSelectionStateToBe(
                By.cssSelector("input[name=presence][value=available]"), true));
        return driver.getWindowHandle();
    }

    @Test
    void aSupervisorReassignsAHeldConversationAndBothDesksShowIt() throws Exception {
        String maya = "+447700904011";
        String id = pseudonymiser.pseudonym("sim:" + maya);
        String shortId = id.substring(0, 8);
        page.text(maya, "hi", "yes", "can i talk to a counsellor");

        // ana's desk (this tab) takes it and has it open; ben's desk runs in a second tab
        page.signInAvailable("ana", "ana-password-1");
        String anaTab = driver.getWindowHandle();
        page.clickFresh("#next");
        page.waitForText("#conv-title", shortId);
        String local = server.getURL().toString().replaceAll("/$", "");
        String other = local.replace("://localhost:", "://127.0.0.1:");
        assertTrue(!other.equals(local), "a second host name for the second desk: " + local);
        String benTab = deskInNewTab(other, "ben");

        try (ConsolePage sup = ConsolePage.start(() -> local, timeout())) {
            sup.signIn("sue", "sue-password-1", "/console/supervisor");
            sup.clickFresh("#conversations tr[data-conversation='" + id + "'] button.reassign");
            sup.waitForText("#reassign-holder", "Now with ana");
            sup.wait.until(d -> d.findElements(By.cssSelector("#reassign-to option[value=ben]")).size() == 1);
            List<String> offered = new Select(sup.driver.findElement(By.id("reassign-to"))).getOptions().stream()
                    .map(WebElement::getText).toList();
            assertTrue(offered.contains("ben · 0 of 1 conversations · en, es"), offered.toString());
            assertTrue(offered.stream().noneMatch(o -> o.startsWith("ana")), "not the holder: " + offered);
            assertTrue(offered.stream().noneMatch(o -> o.startsWith("cal")), "cal is offline: " + offered);
            new Select(sup.driver.findElement(By.id("reassign-to"))).selectByValue("ben");
            sup.driver.findElement(By.id("reassign-note")).sendKeys("Ana had to leave; Maya is worried about exams.");

            // asked first; "Keep it where it is" keeps it with ana
            sup.driver.findElement(By.id("reassign-submit")).click();
            sup.waitForText("#reassign-confirm", "Move conversation " + shortId + " from ana to ben?");
            sup.driver.findElement(By.id("reassign-no")).click();
            sup.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("reassign-confirm")));
            sup.waitForText("#conversations tr[data-conversation='" + id + "']", "with ana");
            sup.driver.findElement(By.id("reassign-submit")).click();
            sup.visible("#reassign-yes");
            Path shots = Path.of("target", "screenshots");
            Files.createDirectories(shots);
            Files.write(shots.resolve("supervisor-reassign.png"), sup.driver.getScreenshotAs(OutputType.BYTES));
            sup.driver.findElement(By.id("reassign-yes")).click();
            sup.waitForText("#notices", "moved from ana to ben");
            sup.waitForText("#conversations tr[data-conversation='" + id + "']", "with ben");
        }

        // ben's desk: told at once, the note read first
        page.waitForText("#notices", "sue moved conversation " + shortId + " to you from ana, with a handover note");
        page.clickFresh(By.xpath("//ul[@id='mine']//button[contains(., '" + shortId + "')]"));
        page.waitForText("#alerts", "Handover note from sue");
        page.waitForText("#alerts", "Ana had to leave; Maya is worried about exams.");

        // ana's desk: gone, with a notice; nothing she could type is hers to send
        driver.switchTo().window(anaTab);
        page.waitForText("#notices", "moved conversation " + shortId + " to ben. It is no longer yours");
        page.visible("#placeholder");
        assertFalse(driver.findElement(By.id("conversation")).isDisplayed(), "her open view closed");
        wait.until(d -> !d.findElement(By.id("mine")).getText().contains(shortId));
        assertTrue(page.phone(maya).contains("You are being passed to another counsellor"), page.phone(maya));

        driver.switchTo().window(benTab);
        driver.close();
        driver.switchTo().window(anaTab);
    }
}
