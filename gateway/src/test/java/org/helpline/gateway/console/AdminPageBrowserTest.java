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
import org.helpline.gateway.support.ConsolePage;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The admin page in a real headless Chromium: an administrator changes a counsellor's roles and resets their
 * password with the row's forms, reads the outcome (and a refusal) in words, and the new password signs in.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminPageBrowserTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;
    @Inject
    Users users;
    private ConsolePage page;

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of("admin-page", "helpline.campaigns.enabled", "false");
    }

    @BeforeAll
    void startBrowser() {
        TestRedis.flush();
        users.create("ada", "ada-password-1", List.of("ADMIN"), List.of("en"), 1);
        users.create("ron", "ron-password-1", List.of("COUNSELLOR"), List.of("en"), 2);
        page = ConsolePage.start(() -> server.getURL().toString(), Duration.ofSeconds(20));
    }

    @AfterAll
    void stopBrowser() {
        if (page != null) {
            page.close();
        }
    }

    private WebElement ronRow(String css) {
        return page.driver.findElement(By.cssSelector("#users tr[data-user=ron] " + css));
    }

    @Test
    void anAdministratorChangesRolesAndResetsAPasswordOnThePage() {
        // the admin page has no live updates (no "Live" indicator to wait for): sign in by hand
        page.driver.get(page.url("/login"));
        page.visible("#username").sendKeys("ada");
        page.driver.findElement(By.id("password")).sendKeys("ada-password-1");
        page.driver.findElement(By.id("sign-in")).click();
        page.wait.until(ExpectedConditions.urlToBe(page.url("/console/admin")));
        page.waitForText("#users", "ron");
        ronRow("details.roles-change summary").click();
        ronRow("details.roles-change input[value=SUPERVISOR]").click();
        ronRow("button.save-roles").click();
        page.waitForText("#users-result", "Roles changed for ron. They have been signed out everywhere.");
        page.waitForText("#users tr[data-user=ron]", "counsellor, supervisor");

        ronRow("details.password-reset summary").click();
        ronRow("input.new-password").sendKeys("short");
        ronRow("button.save-password").click();
        page.waitForText("#users-result", "The new password is too short");
        ronRow("input.new-password").clear();
        ronRow("input.new-password").sendKeys("ron-password-2");
        ronRow("button.save-password").click();
        page.waitForText("#users-result", "Password reset for ron.");
        page.waitForText("#audit", "reset-password:ron");
        assertTrue(users.find("ron").orElseThrow().roles().contains("SUPERVISOR"));

        page.driver.findElement(By.cssSelector("form[action='/logout'] button")).click();
        page.signIn("ron", "ron-password-2", "/console");
        assertEquals(List.of(), page.driver.findElements(By.cssSelector("#users")), "ron is no administrator");
    }
}
