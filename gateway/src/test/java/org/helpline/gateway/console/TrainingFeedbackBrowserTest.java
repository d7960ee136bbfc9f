package org.helpline.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.helpline.gateway.training.TrainingStore;
import org.helpline.nlp.Intent;
import org.helpline.nlp.RiskTier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import redis.clients.jedis.UnifiedJedis;

/**
 * The close form's training labels in a real headless Chromium: for a young person who agreed, the counsellor sees
 * only the messages written after they agreed (not their age, not their answers), ticks the one that mattered, gives
 * its topic and a name to leave out, and the store keeps that message, scrubbed, with the reviewed tier; for one who
 * said no the form says nothing will be kept and offers no tick boxes.
 */
@MicronautTest
class TrainingFeedbackBrowserTest extends BrowserTestBase {
    @Inject
    TrainingStore store;
    @Inject
    FeedbackDrafts drafts;
    @Inject
    UnifiedJedis redis;


    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of("training-browser", "helpline.simulator.enabled", "true",
                "helpline.campaigns.enabled", "false");
    }

    @BeforeEach
    void clean() {
        TestRedis.flush();
        users.create("ana", "ana-password-1", List.of("COUNSELLOR"), List.of("en"), 2);
    }

    /** The one conversation of the test with a review in progress, or "" when none has one. */
    private String conversation() {
        return redis.keys("conv:{*}:feedback").stream().findFirst()
                .map(k -> k.substring("conv:{".length(), k.indexOf('}'))).orElse("");
    }

    private void claimNext(String text) {
        driver.findElement(By.id("next")).click();
        page.waitForText("#transcript", text);
        driver.findElement(By.cssSelector("#close-box summary")).click();
        new Select(page.visible("#disposition")).selectByValue("other");
        new Select(driver.findElement(By.id("outcome"))).selectByValue("SUPPORTED");
    }

    private void available() {
        page.signInAvailable("ana", "ana-password-1");
    }

    @Test
    void theCounsellorTicksTheMessageThatMatteredAndOnlyThatIsKept() {
        page.text("+447700906001", "hi", "yes", "17", "yes", "can i talk to a counsellor",
                "Tom keeps saying nobody would notice if i was gone and i think hes right");
        available();
        claimNext("nobody would notice");
        page.visible("#training-box");
        page.waitForText("#mattered-list", "nobody would notice");
        List<WebElement> boxes = driver.findElements(By.cssSelector("#mattered-list input[type=checkbox]"));
        String listed = driver.findElement(By.id("mattered-list")).getText();
        assertFalse(listed.contains("17"), "the age answer is not offered: " + listed);
        assertEquals(2, boxes.size(), "what they wrote after agreeing: " + listed);
        for (WebElement label : driver.findElements(By.cssSelector("#mattered-list label"))) {
            if (label.getText().contains("nobody would notice")) {
                label.findElement(By.tagName("input")).click();
            }
        }
        new Select(driver.findElement(By.id("topic"))).selectByValue(Intent.SELF_HARM_SUICIDE.label());
        driver.findElement(By.id("training-names")).sendKeys("Tom");
        new Select(driver.findElement(By.id("risk-review"))).selectByValue("HIGH");

        // the review is saved as it is given: a reload in the middle of the conversation keeps it
        page.wait.until(d -> drafts.get(conversation()).map(r -> "Tom".equals(r.names())).orElse(false));
        driver.navigate().refresh();
        page.visible("#mine button").click();
        page.waitForText("#transcript", "nobody would notice");
        driver.findElement(By.cssSelector("#close-box summary")).click();
        page.wait.until(d -> driver.findElements(By.cssSelector("#mattered-list input:checked")).size() == 1);
        assertEquals("HIGH", new Select(driver.findElement(By.id("risk-review"))).getFirstSelectedOption()
                .getAttribute("value"));
        assertEquals("Tom", driver.findElement(By.id("training-names")).getAttribute("value"));
        assertEquals(Intent.SELF_HARM_SUICIDE.label(), new Select(driver.findElement(By.id("topic")))
                .getFirstSelectedOption().getAttribute("value"));
        new Select(page.visible("#disposition")).selectByValue("other");
        new Select(driver.findElement(By.id("outcome"))).selectByValue("SUPPORTED");
        driver.findElement(By.cssSelector("#close button[type=submit]")).click();
        page.visible("#close-yes").click();
        page.waitForText("#notices", "closed");

        List<TrainingStore.Exported> kept = store.export("test");
        assertEquals(1, kept.size(), kept.toString());
        assertEquals(RiskTier.HIGH, kept.get(0).label());
        assertEquals(Intent.SELF_HARM_SUICIDE, kept.get(0).intent());
        assertEquals("<name> keeps saying nobody would notice if i was gone and i think hes right", kept.get(0).text());
        assertEquals("", conversation(), "the close clears the review in progress");
    }

    @Test
    void aYoungPersonWhoSaidNoGetsNoTickBoxesAndNothingIsKept() {
        page.text("+447700906002", "hi", "yes", "17", "no", "can i talk to a counsellor", "i feel so alone");
        available();
        claimNext("i feel so alone");
        page.waitForText("#training-consent", "did not agree");
        assertTrue(driver.findElement(By.id("training-box")).getAttribute("hidden") != null);
        new Select(driver.findElement(By.id("risk-review"))).selectByValue("HIGH");
        driver.findElement(By.cssSelector("#close button[type=submit]")).click();
        page.visible("#close-yes").click();
        page.waitForText("#notices", "closed");
        assertEquals(0, store.size());
    }
}
