package org.helpline.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.support.ConsolePage;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The desk at 1280×800 in a real headless Chromium, a long conversation open: notices that pile up are cleared with
 * one button. Screenshot: {@code target/screenshots/desk-1280x800.png}. (A layout keeping the reply box in view was
 * tried and taken out: at this size it squeezed the header's alerts, such as "not safe to text", into a scroll box.)
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeskLayoutBrowserTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;
    @Inject
    Users users;

    private ConsolePage page;
    private ChromeDriver driver;

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of("desk-layout", "helpline.simulator.enabled", "true",
                "helpline.campaigns.enabled", "false");
    }

    @BeforeAll
    void startBrowser() {
        page = ConsolePage.start(() -> server.getURL().toString(), Duration.ofSeconds(15));
        driver = page.driver;
    }

    @AfterAll
    void stopBrowser() {
        if (page != null) {
            page.close();
        }
    }

    @BeforeEach
    void clean() {
        TestRedis.flush();
        users.create("ana", "ana-password-1", List.of("COUNSELLOR"), List.of("en"), 2);
    }

    private long number(String script) {
        return ((Number) driver.executeScript("return " + script)).longValue();
    }

    @Test
    void noticesThatPileUpAreClearedWithOneButton() throws Exception {
        driver.manage().window().setSize(new Dimension(1280, 800));
        String from = "+447700905101";
        List<String> messages = new ArrayList<>(List.of("hi", "yes", "can i talk to a counsellor"));
        for (int i = 1; i <= 30; i++) {
            messages.add("and another thing about school, number " + i);
        }
        page.text(from, messages.toArray(String[]::new));
        page.signIn("ana", "ana-password-1", "/console");
        driver.findElement(By.xpath("//input[@name='presence'][@value='available']/following-sibling::span")).click();
        page.wait.until(ExpectedConditions.elementSelectionStateToBe(
                By.cssSelector("input[name=presence][value=available]"), true));
        driver.findElement(By.id("next")).click();
        page.waitForText("#transcript", "number 30");

        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        Files.write(shots.resolve("desk-1280x800.png"), driver.getScreenshotAs(OutputType.BYTES));

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
