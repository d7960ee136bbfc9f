package org.helpline.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/**
 * Reasons in plain words, in a real headless Chromium: a young person asks for a counsellor, then writes that they
 * want to die, then something ordinary. The counsellor's header says why in words ("Said they want to end their
 * life"), quotes the message that mattered (the highest-risk one, not the latest) with the
 * phrase highlighted, and shows the tier over time, also as a chart (a point per message, the one that mattered
 * ringed, its description saying when risk rose); no probability, cue or model name. A supervisor reading it gets
 * the classifiers' detail behind "Model details". Screenshot: {@code target/screenshots/desk-reasons.png}.
 */
@MicronautTest
class ReasonsBrowserTest extends BrowserTestBase {

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of("reasons-browser", "helpline.simulator.enabled", "true",
                "helpline.campaigns.enabled", "false");
    }

    @BeforeEach
    void clean() {
        TestRedis.flush();
        users.create("ana", "ana-password-1", List.of("COUNSELLOR"), List.of("en"), 2);
        users.create("sue", "sue-password-1", List.of("SUPERVISOR"), List.of("en"), 1);
    }

    @Test
    void theHeaderSaysWhyInWordsAndQuotesTheMessageThatMattered() throws Exception {
        page.text("+447700903001", "hi", "yes", "can i talk to a counsellor", "i want to die", "ok thanks");
        page.signInAvailable("ana", "ana-password-1");
        driver.findElement(By.id("next")).click();
        page.waitForText("#transcript", "ok thanks");

        page.waitForText("#conv-reasons", "Said they want to end their life");
        assertEquals("i want to die", driver.findElement(By.cssSelector("#conv-reasons .mattered blockquote")).getText(),
                "the highest-risk message, not the latest");
        assertEquals("want to die", driver.findElement(By.cssSelector("#conv-reasons .mattered mark")).getText());
        page.waitForText("#conv-reasons .tier-path", "Tier over time");
        assertEquals(2, driver.findElements(By.cssSelector("#conv-reasons .tier-path .tier")).size(),
                "low when they asked, then higher when they said it");
        assertTierChart("#conv-reasons");
        String header = driver.findElement(By.id("conv-reasons")).getText();
        assertFalse(header.matches("(?s).*(p=|cues|model|threshold).*"), "no machine output: " + header);
        assertTrue(driver.findElements(By.cssSelector("#conv-reasons .model-detail")).isEmpty(),
                "the model's detail is for supervisors");
        String flags = driver.findElement(By.id("transcript")).getText();
        assertFalse(flags.matches("(?s).*(p=|cues|curated model).*"), "the transcript's flags are words too: " + flags);

        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        Files.write(shots.resolve("desk-reasons.png"), driver.getScreenshotAs(OutputType.BYTES));

        // the supervisor reads it: the same words, and the model's detail on demand
        driver.findElement(By.cssSelector("form[action='/logout'] button")).click();
        page.signIn("sue", "sue-password-1", "/console/supervisor");
        page.clickFresh("#conversations tr[data-conversation] button");
        page.waitForText("#reader-reasons", "Said they want to end their life");
        assertTierChart("#reader-reasons");
        WebElement details = page.visible("#reader-reasons .model-detail");
        assertFalse(details.findElement(By.tagName("ul")).isDisplayed(), "closed until asked for");
        details.findElement(By.tagName("summary")).click();
        page.waitForText("#reader-reasons .model-detail ul", "model");
    }

    /**
     * The tier chart under {@code box}: a point per assessed message of the young person's, low when they asked for a
     * counsellor, high when they said it, the high one ringed; its description says when risk rose; no message text.
     */
    private void assertTierChart(String box) {
        WebElement chart = page.visible(box + " svg.tier-chart");
        List<WebElement> points = chart.findElements(By.cssSelector("circle.point"));
        List<String> tiers = points.stream().map(p -> p.getAttribute("data-tier")).toList();
        assertEquals(List.of("NONE", "NONE", "LOW", "HIGH", "NONE"), tiers,
                "hi, yes: none; low when they asked, high when they said it, none for ok thanks");
        List<WebElement> highest = chart.findElements(By.cssSelector("circle.point[data-highest='true']"));
        assertEquals(1, highest.size(), "one point is the message that mattered");
        assertEquals("HIGH", highest.get(0).getAttribute("data-tier"));
        int at = points.indexOf(highest.get(0));
        assertEquals("LOW", points.get(at - 1).getAttribute("data-tier"), tiers.toString());
        assertTrue(Double.parseDouble(highest.get(0).getAttribute("cy"))
                < Double.parseDouble(points.get(at - 1).getAttribute("cy")), "high is drawn above low");
        String labelledBy = chart.getAttribute("aria-labelledby");
        assertEquals("img", chart.getAttribute("role"));
        String desc = chart.findElement(By.tagName("desc")).getAttribute("textContent");
        assertTrue(desc.matches("(?s).*Risk rose from low to high at \\d{1,2}:\\d{2}.*"), desc);
        assertTrue(labelledBy.contains(chart.findElement(By.tagName("desc")).getAttribute("id")), labelledBy);
        String all = chart.getAttribute("textContent");
        assertFalse(all.contains("want to die") || all.contains("counsellor") || all.contains("ok thanks"),
                "no message text in the chart: " + all);
    }
}
