package org.helpline.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The admin page in a real headless Chromium: an administrator changes a counsellor's roles and resets their
 * password with the row's forms, each confirmed in a dialog first (and nothing done when they keep it as it was),
 * changes their languages and capacity without re-creating them, reads the outcome (and refusals) in words, and the
 * new password signs in; disabling and removing are confirmed too (kept as they were when the administrator says no).
 * Screenshots: the password dialog {@code target/screenshots/admin-confirm.png}, the page {@code admin.png}.
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

    private WebElement row(String user, String css) {
        return page.driver.findElement(By.cssSelector("#users tr[data-user=" + user + "] " + css));
    }

    // the admin page has no live updates (no "Live" indicator to wait for): sign in by hand, whoever was signed in
    private void signInAsAda() {
        page.driver.get(page.url("/login"));
        page.driver.manage().deleteAllCookies();
        page.driver.get(page.url("/login"));
        page.visible("#username").sendKeys("ada");
        page.driver.findElement(By.id("password")).sendKeys("ada-password-1");
        page.driver.findElement(By.id("sign-in")).click();
        page.wait.until(ExpectedConditions.urlToBe(page.url("/console/admin")));
    }

    @Test
    void disablingAndRemovingAreConfirmedFirst() throws Exception {
        users.create("kim", "kim-password-1", List.of("COUNSELLOR"), List.of("en"), 1);
        users.create("lee", "lee-password-1", List.of("COUNSELLOR"), List.of("en"), 1);
        signInAsAda();
        page.waitForText("#users", "lee");

        row("kim", "button.disable").click();
        page.waitForText("#confirm-disable-kim", "Disable kim? They are signed out everywhere at once and cannot "
                + "sign in until enabled again.");
        assertEquals("alertdialog", row("kim", "#confirm-disable-kim").getAttribute("role"));
        row("kim", "#confirm-disable-kim button.confirm-no").click();
        page.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm-disable-kim")));
        assertFalse(users.find("kim").orElseThrow().disabled(), "kept enabled: nothing done");
        assertTrue(row("kim", "td:nth-child(5)").getText().contains("active"));
        row("kim", "button.disable").click();
        row("kim", "#confirm-disable-kim button.confirm-yes").click();
        page.waitForText("#users-result", "Disable: kim");
        page.waitForText("#users tr[data-user=kim]", "disabled");
        assertTrue(users.find("kim").orElseThrow().disabled());
        page.waitForText("#audit", "disable-user:kim");

        row("lee", "button.remove").click();
        page.waitForText("#confirm-remove-lee", "Remove lee? They are signed out everywhere at once and their "
                + "account is deleted");
        row("lee", "#confirm-remove-lee button.confirm-no").click();
        page.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm-remove-lee")));
        assertTrue(users.find("lee").isPresent(), "kept: nothing removed");
        assertEquals(1, page.driver.findElements(By.cssSelector("#users tr[data-user=lee]")).size());
        row("lee", "button.remove").click();
        row("lee", "#confirm-remove-lee button.confirm-yes").click();
        page.waitForText("#users-result", "Remove: lee");
        page.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#users tr[data-user=lee]"), 0));
        assertTrue(users.find("lee").isEmpty());

        // the page as an administrator sees it, for docs/img/admin.png
        page.waitForText("#users tr[data-user=kim]", "Enable");
        page.driver.executeScript("document.activeElement.blur(); window.scrollTo(0, 0);");
        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        Files.write(shots.resolve("admin.png"), page.driver.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void anAdministratorChangesRolesAndResetsAPasswordOnThePage() throws Exception {
        signInAsAda();
        page.waitForText("#users", "ron");
        ronRow("details.roles-change summary").click();
        ronRow("details.roles-change input[value=SUPERVISOR]").click();
        ronRow("button.save-roles").click();
        page.waitForText("#confirm-roles-ron", "Give ron the roles counsellor, supervisor? They are signed out "
                + "everywhere at once");
        assertEquals("alertdialog", ronRow("#confirm-roles-ron").getAttribute("role"));
        ronRow("#confirm-roles-ron button.confirm-no").click();
        page.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm-roles-ron")));
        assertEquals(List.of("COUNSELLOR"), users.find("ron").orElseThrow().roles(), "kept: nothing changed");
        ronRow("button.save-roles").click();
        ronRow("#confirm-roles-ron button.confirm-yes").click();
        page.waitForText("#users-result", "Roles changed for ron. They have been signed out everywhere.");
        page.waitForText("#users tr[data-user=ron]", "counsellor, supervisor");

        ronRow("details.languages-change summary").click();
        ronRow("input.new-languages").clear();
        ronRow("input.new-languages").sendKeys("english");
        ronRow("button.save-languages").click();
        page.waitForText("#users-result", "Give at least one language as a two-letter code");
        ronRow("input.new-languages").clear();
        ronRow("input.new-languages").sendKeys("en, fr");
        ronRow("input.new-capacity").clear();
        ronRow("input.new-capacity").sendKeys("4");
        ronRow("button.save-languages").click();
        page.waitForText("#users-result", "Languages and capacity changed for ron: en, fr; up to 4 conversations at "
                + "once. They stay signed in.");
        page.waitForText("#users tr[data-user=ron] td.languages", "en, fr");
        page.waitForText("#users tr[data-user=ron] td.capacity", "4");
        page.waitForText("#audit", "languages-capacity:ron=en+fr/4");
        assertEquals(List.of("en", "fr"), users.find("ron").orElseThrow().languages());

        ronRow("details.password-reset summary").click();
        ronRow("input.new-password").sendKeys("short");
        ronRow("button.save-password").click();
        page.waitForText("#users-result", "The new password is too short");
        assertTrue(page.driver.findElements(By.cssSelector("#confirm-password-ron")).stream()
                .noneMatch(WebElement::isDisplayed), "no confirmation for a password that would be refused");
        ronRow("input.new-password").clear();
        ronRow("input.new-password").sendKeys("ron-password-2");
        ronRow("button.save-password").click();
        page.waitForText("#confirm-password-ron", "Reset the password of ron? They are signed out everywhere at "
                + "once");
        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        Files.write(shots.resolve("admin-confirm.png"), page.driver.getScreenshotAs(OutputType.BYTES));
        ronRow("#confirm-password-ron button.confirm-yes").click();
        page.waitForText("#users-result", "Password reset for ron.");
        page.waitForText("#audit", "reset-password:ron");
        assertTrue(users.find("ron").orElseThrow().roles().contains("SUPERVISOR"));
        assertEquals(4, users.find("ron").orElseThrow().capacity(), "the reset kept the capacity");

        page.driver.findElement(By.cssSelector("form[action='/logout'] button")).click();
        page.signIn("ron", "ron-password-2", "/console");
        assertEquals(List.of(), page.driver.findElements(By.cssSelector("#users")), "ron is no administrator");
    }
}
