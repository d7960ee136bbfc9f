package org.helpline.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.support.Chromium;
import org.helpline.gateway.support.Http;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The counsellor desk in a real headless Chromium against the real service and Redis, texters writing through the
 * simulator's API: on a one-counsellor shift a conversation transferred back to the queue is offered to the same
 * counsellor again, and the young person's phone shows they were told; a transfer to oneself is refused in words.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeskBrowserTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;
    @Inject
    Users users;

    private Chromium chromium;
    private ChromeDriver driver;
    private WebDriverWait wait;
    private int number;

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of("desk-browser", "helpline.simulator.enabled", "true",
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
    }

    private String url(String path) {
        return server.getURL() + path;
    }

    /** A young person writing in the simulator; returns their number. */
    private String texter(String... messages) {
        String from = String.format("+4477009%05d", ++number);
        for (String text : messages) {
            var r = Http.post(url("/simulator/api/messages"), "application/json",
                    Http.utf8("{\"from\":\"" + from + "\",\"text\":\"" + text + "\"}"), Map.of());
            assertEquals(200, r.statusCode(), r.body());
        }
        return from;
    }

    private String phone(String from) {
        return Http.get(url("/simulator/api/outbox?from=" + from.replace("+", "%2B"))).body();
    }

    private WebElement visible(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    private void waitForText(String css, String text) {
        wait.withMessage(() -> "'" + text + "' in " + css + ", which shows: "
                        + driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList())
                .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    private void signInAvailable(String user, String password) {
        driver.get(url("/login"));
        visible("#username").sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.urlToBe(url("/console")));
        waitForText("#live", "Live");
        driver.findElement(By.xpath("//input[@name='presence'][@value='available']/following-sibling::span")).click();
        wait.until(ExpectedConditions.elementSelectionStateToBe(
                By.cssSelector("input[name=presence][value=available]"), true));
    }

    @Test
    void onAOneCounsellorShiftATransferBackToTheQueueComesBackToTheSameCounsellor() {
        String from = texter("hi", "yes", "talk to someone");
        signInAvailable("ana", "ana-password-1");
        driver.findElement(By.id("next")).click();
        waitForText("#transcript", "talk to someone");

        // to herself: refused in words, and she still holds it
        driver.findElement(By.cssSelector("#transfer-box summary")).click();
        visible("input[name=transfer-to][value=colleague]").click();
        driver.findElement(By.id("colleague")).sendKeys("ana");
        driver.findElement(By.cssSelector("#transfer button[type=submit]")).click();
        waitForText("#notices", "You already hold this conversation");
        visible("#conversation");

        // back to the queue: the young person is told, and Help next offers it to her again
        visible("input[name=transfer-to][value=queue]").click();
        driver.findElement(By.cssSelector("#transfer button[type=submit]")).click();
        waitForText("#notices", "is back in the queue");
        visible("#placeholder");
        assertTrue(phone(from).contains("Your chat is back in line for the next counsellor who can help"),
                phone(from));
        driver.findElement(By.id("next")).click();
        waitForText("#transcript", "Your chat is back in line");
        waitForText("#transcript", "talk to someone");
        assertTrue(driver.findElement(By.id("next-status")).getText().isEmpty(),
                "not 'Nobody is waiting': " + driver.findElement(By.id("next-status")).getText());
    }
}
