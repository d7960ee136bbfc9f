package org.helpline.gateway.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium, with what every browser test does on it: wait for an element or a text,
 * click an element the page may re-render, sign in through the log-in page, and text the helpline through the
 * simulator's API (the young person's side).
 */
public final class ConsolePage implements AutoCloseable {
    public final ChromeDriver driver;
    public final WebDriverWait wait;
    private final Chromium chromium;
    private final Supplier<String> base;

    private ConsolePage(Chromium chromium, Supplier<String> base, Duration timeout) {
        this.chromium = chromium;
        this.driver = chromium.driver;
        this.wait = new WebDriverWait(driver, timeout);
        this.base = base;
    }

    /** {@code base}: the server's URL, asked when first needed (the server may start after the browser). */
    public static ConsolePage start(Supplier<String> base, Duration timeout) {
        return new ConsolePage(Chromium.start(), base, timeout);
    }

    public String url(String path) {
        String b = base.get();
        return (b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path;
    }

    public WebElement visible(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    public void clickFresh(String css) {
        clickFresh(By.cssSelector(css));
    }

    /** Clicks what {@code by} finds, again if the page re-rendered it in between (the supervisor's tables refresh). */
    public void clickFresh(By by) {
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement e = d.findElement(by);
            if (!e.isDisplayed()) {
                return false;
            }
            e.click();
            return true;
        });
    }

    public void waitForText(String css, String text) {
        wait.withMessage(() -> "'" + text + "' in " + css + ", which shows: "
                        + driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList())
                .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    /** Signs in through the log-in page and waits for {@code page} with its live updates connected. */
    public void signIn(String user, String password, String page) {
        driver.get(url("/login"));
        visible("#username").sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.urlToBe(url(page)));
        waitForText("#live", "Live");
    }

    /** Signs a counsellor in on the desk and makes them available (offered the next conversation). */
    public void signInAvailable(String user, String password) {
        signIn(user, password, "/console");
        driver.findElement(By.xpath("//input[@name='presence'][@value='available']/following-sibling::span")).click();
        wait.until(ExpectedConditions.elementSelectionStateToBe(
                By.cssSelector("input[name=presence][value=available]"), true));
    }

    /** The young person texts each message in turn through the simulator; each must be answered. */
    public void text(String from, String... messages) {
        for (String text : messages) {
            var r = Http.post(url("/simulator/api/messages"), "application/json",
                    Http.utf8("{\"from\":\"" + from + "\",\"text\":\"" + text + "\"}"), Map.of());
            assertEquals(200, r.statusCode(), r.body());
        }
    }

    /** What the simulator's phone of {@code from} received, as JSON. */
    public String phone(String from) {
        return Http.get(url("/simulator/api/outbox?from=" + from.replace("+", "%2B"))).body();
    }

    @Override
    public void close() {
        chromium.close();
    }
}
