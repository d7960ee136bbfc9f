package org.helpline.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.support.ConsoleBrowser;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The case form and the reports in a real headless Chromium: a counsellor closes with categories, age band, gender,
 * outcome, referral and notes; when the same young person writes again the next counsellor sees that earlier case
 * with its notes; the reports page (reached from the supervisor's room and the console's bar) shows the day's contact
 * in the charts per day and per hour (in the helpline's time zone; a young person who opted out while waiting as "not
 * answered"), the wait by tier, the categories and the referral, and the CSV export has the case without a phone
 * number, a message or a note; a case closed while the page is open is in its figures without a reload. Screenshot of the reports: {@code target/screenshots/reports.png}.
 */
@MicronautTest
class CaseRecordBrowserTest extends BrowserTestBase {
    /** The helpline's time zone: not UTC's hours (+05:30). */
    private static final String ZONE = "Asia/Kolkata";

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of("case-browser", "helpline.simulator.enabled", "true",
                "helpline.campaigns.enabled", "false", "helpline.hours.zone", ZONE);
    }

    @BeforeEach
    void clean() {
        TestRedis.flush();
        users.create("ana", "ana-password-1", List.of("COUNSELLOR"), List.of("en"), 2);
        users.create("sue", "sue-password-1", List.of("SUPERVISOR"), List.of("en"), 1);
    }

    @Test
    void theCaseFormRecordsTheNextCounsellorSeesItAndTheReportsChartAndExportIt() throws Exception {
        String from = "+447700905001";
        int arrivalHour = ZonedDateTime.now(ZoneId.of(ZONE)).getHour();
        page.text(from, "hi", "yes", "can i talk to a counsellor", "people at school keep posting about me");
        page.signInAvailable("ana", "ana-password-1");
        driver.findElement(By.id("next")).click();
        page.waitForText("#transcript", "keep posting about me");
        assertTrue(driver.findElement(By.id("history")).getAttribute("hidden") != null, "no earlier contact yet");

        driver.findElement(By.cssSelector("#close-box summary")).click();
        new Select(page.visible("#disposition")).selectByValue("violence.cyberbullying");
        new Select(driver.findElement(By.id("categories"))).selectByValue("education");
        new Select(driver.findElement(By.id("age-band"))).selectByValue("AGE_13_15");
        new Select(driver.findElement(By.id("gender"))).selectByValue("PREFER_NOT_TO_SAY");
        new Select(driver.findElement(By.id("outcome"))).selectByValue("REFERRED_SERVICE");
        assertEquals(List.of(), driver.findElements(By.cssSelector("#outcome option[value=ENDED_WAITING], "
                + "#outcome option[value=OPTED_OUT_WAITING]")), "the gateway's own outcomes are not offered");
        assertTrue(driver.findElement(By.cssSelector("#referrals input[value=NONE]")).isSelected(),
                "“No referral” until the counsellor says otherwise");
        driver.findElement(By.cssSelector("#close button[type=submit]")).click();
        page.waitForText("#notices", "The outcome says the young person was referred: tick where to");
        assertTrue(driver.findElement(By.id("close-confirm")).getAttribute("hidden") != null, "not closed yet");
        new Select(driver.findElement(By.id("outcome"))).selectByValue("INFORMATION_GIVEN");
        driver.findElement(By.cssSelector("#referrals input[value=POLICE]")).click();
        driver.findElement(By.cssSelector("#referrals input[value=SCHOOL]")).click();
        assertFalse(driver.findElement(By.cssSelector("#referrals input[value=NONE]")).isSelected(),
                "a place referred to clears “No referral”");
        driver.findElement(By.id("notes")).sendKeys("Group chat at school; talked through reporting it.");
        Select review = new Select(driver.findElement(By.id("risk-review")));
        assertEquals("Yes: low risk", review.getOptions().get(1).getText(), "it came in at LOW");
        review.selectByVisibleText("No, it was high risk");
        driver.findElement(By.cssSelector("#close button[type=submit]")).click();
        page.visible("#close-yes").click();
        page.waitForText("#notices", "closed");

        // the same young person writes again: the next counsellor sees the earlier case, with its notes
        page.text(from, "can i talk to a counsellor again");
        driver.findElement(By.id("next")).click();
        page.waitForText("#transcript", "again");
        page.visible("#history");
        page.waitForText("#history", "Earlier contacts with this young person (1)");
        page.waitForText("#history-list", "Violence: cyberbullying / online harassment");
        page.waitForText("#history-list", "School and education");
        page.waitForText("#history-list", "Group chat at school; talked through reporting it.");
        page.waitForText("#history-list", "Information or advice given · referred to Police, School or education "
                + "service");
        assertTrue(driver.findElement(By.cssSelector("#referrals input[value=NONE]")).isSelected()
                && !driver.findElement(By.cssSelector("#referrals input[value=POLICE]")).isSelected(),
                "a new case starts at “No referral”");
        assertEquals("", new Select(driver.findElement(By.id("risk-review"))).getFirstSelectedOption()
                .getAttribute("value"), "a new case starts unreviewed");

        // another young person gives up waiting (STOP in the queue): a contact nobody answered
        page.text("+447700905009", "hi", "yes", "can i talk to a counsellor", "STOP");

        // the supervisor's reports, a page of their own reached from the console's bar and from the supervisor's room
        driver.findElement(By.cssSelector("form[action='/logout'] button")).click();
        page.signIn("sue", "sue-password-1", "/console/supervisor");
        assertEquals("/console/reports", page.visible("#reports-link a").getAttribute("href")
                .replace(server.getURL().toString(), ""));
        assertEquals(List.of(), driver.findElements(By.id("report-summary")), "no longer in the supervisor's room");
        page.visible("#nav a[href='/console/reports']").click();
        wait.until(ExpectedConditions.urlToBe(page.url("/console/reports")));
        page.waitForText("#live", "Live");
        assertEquals("page", driver.findElement(By.cssSelector("#nav a[href='/console/reports']"))
                .getAttribute("aria-current"));
        page.waitForText("#report-summary", "2 contacts from");
        page.waitForText("#report-summary", "1 of them ended before a counsellor answered");
        page.waitForText("#report-summary", "count the 1 case a counsellor closed");
        page.visible("#report-chart svg rect.contacts[data-contacts='2']");
        page.visible("#report-chart svg rect.unanswered[data-not-answered='1']");
        assertTrue(driver.findElement(By.cssSelector("#report-chart svg desc")).getAttribute("textContent")
                .contains("1 of them not answered"));
        page.waitForText("#reports .legend", "Of them not answered");
        page.waitForText("#report-waits tr[data-tier=LOW] td[data-not-answered='1']", "1 (after ");
        page.waitForText("#report-outcomes tr[data-code=OPTED_OUT_WAITING]",
                "Left while waiting: the young person opted out (STOP)");
        page.waitForText("#report-categories", "Violence: cyberbullying / online harassment");
        page.waitForText("#report-waits tr[data-tier=LOW]", "1");
        page.waitForText("#report-outcomes", "Information or advice given");
        page.waitForText("#report-referrals tr[data-code=POLICE]", "1");
        page.waitForText("#report-referrals tr[data-code=SCHOOL]", "1");
        assertEquals(List.of(), driver.findElements(By.cssSelector("#report-referrals tr[data-code=NONE]")),
                "a place nobody was referred to is left out");
        page.waitForText("#report-hours-summary", "(" + ZONE + ")");
        page.visible("#report-hours-chart svg rect.unanswered[data-not-answered='1']");
        WebElement hourBar = page.visible("#report-hours-chart svg rect.contacts:not([data-contacts='0'])");
        int nowHour = ZonedDateTime.now(ZoneId.of(ZONE)).getHour();
        int barHour = Integer.parseInt(hourBar.getAttribute("data-hour"));
        assertTrue(barHour == arrivalHour || barHour == nowHour, "the hour it arrived in " + ZONE + ": " + barHour
                + " (arrived " + arrivalHour + ")");
        assertEquals(24, driver.findElements(By.cssSelector("#report-hours-chart svg rect.contacts")).size());
        page.waitForText("#report-agreement-summary", "1 case reviewed; the risk level was right in 0%");
        page.waitForText("#report-agreement-rows tr[data-model=LOW] td[data-counsellor=HIGH]", "1");
        page.waitForText("#report-agreement-rows tr[data-model=LOW] td[data-counsellor=LOW]", "0");
        // a share of 0 is a bar of no height, there but not displayed
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#report-agreement-chart svg rect.agreement[data-share='0.00']")));
        // the whole page in one picture (for docs/img/reports.png): the window as tall as the page, then back
        Dimension window = driver.manage().window().getSize();
        long height = (Long) driver.executeScript("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(height + 140, 2400)));
        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        Files.write(shots.resolve("reports.png"), driver.getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(window);
        assertEquals("/console/api/supervisor/reports.csv?days=14",
                driver.findElement(By.id("report-csv")).getAttribute("href").replace(server.getURL().toString(), ""));

        ConsoleBrowser sue = ConsoleBrowser.signIn(server.getURL().toString(), "sue", "sue-password-1");
        var csv = sue.get("/console/api/supervisor/reports.csv?days=14");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        String[] rows = csv.body().split("\r\n");
        assertEquals(3, rows.length, csv.body());
        assertTrue(rows[1].contains(",ana,LOW,") && rows[1].contains("violence.cyberbullying;education")
                && rows[1].contains("AGE_13_15,PREFER_NOT_TO_SAY,INFORMATION_GIVEN,HIGH,POLICE;SCHOOL,"), rows[1]);
        assertTrue(rows[2].contains(",,LOW,,,UNKNOWN,NOT_ASKED,OPTED_OUT_WAITING,,,"), rows[2]);
        assertFalse(csv.body().contains("7700905001") || csv.body().contains("7700905009")
                || csv.body().contains("school")
                || csv.body().contains("posting"), "no number, no text, no notes: " + csv.body());

        // another case closed while the page is open: it reads its figures again by itself (the case-closed event)
        page.text("+447700905002", "hi", "yes", "can i talk to a counsellor");
        ConsoleBrowser ana = ConsoleBrowser.available(server.getURL().toString(), "ana");
        var next = ana.post("/console/api/next", "{}");
        assertEquals(200, next.statusCode(), next.body());
        String id = next.body().replaceAll(".*\"conversation\":\"([^\"]+)\".*", "$1");
        var refused = ana.post("/console/api/conversations/" + id + "/close",
                "{\"disposition\":\"family\",\"outcome\":\"ENDED_WAITING\"}");
        assertEquals(400, refused.statusCode(), "the gateway's own outcome, refused at close: " + refused.body());
        assertTrue(refused.body().contains("recorded by the gateway"), refused.body());
        assertEquals(200, ana.post("/console/api/conversations/" + id + "/close",
                "{\"disposition\":\"family\",\"outcome\":\"SUPPORTED\"}").statusCode());
        page.waitForText("#report-summary", "3 contacts from");
        page.waitForText("#report-outcomes tr[data-code=SUPPORTED]", "1");
    }
}
