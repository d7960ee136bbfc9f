package org.helpline.gateway.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.helpline.gateway.console.Users;
import org.helpline.gateway.support.Http;
import org.helpline.gateway.support.TestProperties;
import org.helpline.gateway.support.TestRedis;
import org.helpline.gateway.support.TwilioSigner;
import org.helpline.gateway.support.TwilioStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The campaign page end to end in a real headless Chromium against the real service, a real Redis and the real Twilio
 * SDK talking to a local stand-in: a campaigner signs in, imports a CSV with one bad line (the line and its reason are
 * shown, nothing is imported), imports the valid rows only, writes a campaign in two languages for SMS, previews it
 * (audience, segments, the character that forces UCS-2), creates it, watches the progress bar reach 100 % and the
 * funnel count Twilio's "sent" reports. A campaign name with a script tag is shown as text.
 *
 * <p>Chromium and chromedriver come from Debian ({@code .ci/run} installs them); without them this test fails.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampaignPageBrowserTest implements TestPropertyProvider {
    private static final Path CHROMIUM = Path.of(System.getProperty("helpline.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("helpline.chromedriver",
            "/usr/bin/chromedriver"));
    private static final String SID = "AC00000000000000000000000000000000";
    private static final String TOKEN = "test-auth-token-0123456789";
    private static final String PUBLIC = "https://helpline.example.org";
    private static final String NAME = "Exam week <script>alert(1)</script><img src=x onerror=alert(2)>";
    private static final String ALERT_RECORDER =
            "window.__alerts = []; window.alert = function (m) { window.__alerts.push(String(m)); };";

    private final TwilioStandIn twilio = new TwilioStandIn();

    @Inject
    EmbeddedServer server;
    @Inject
    Users users;

    private ChromeDriver driver;
    private ChromeDriverService service;
    private WebDriverWait wait;
    private Path dir;

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.of("campaign-page",
                "twilio.account-sid", SID, "twilio.auth-token", TOKEN, "twilio.from", "+447700900999",
                "twilio.api-base-url", twilio.baseUrl(), "helpline.public-url", PUBLIC,
                "helpline.campaigns.retry-backoff", "100ms");
    }

    @BeforeAll
    void startBrowser() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The campaign page test needs Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (Debian: apt-get install -y chromium chromium-driver; .ci/run installs them). "
                    + "Other locations: -Dhelpline.chromium=... -Dhelpline.chromedriver=...");
        }
        TestRedis.flush();
        users.create("cam", "cam-password-1", List.of("CAMPAIGNER"), List.of("en"), 1);
        dir = Files.createTempDirectory("campaign-page");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900", "--user-data-dir=" + dir.resolve("profile"));
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", ALERT_RECORDER));
    }

    @AfterAll
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
        twilio.close();
    }

    private String url(String path) {
        return server.getURL() + path;
    }

    private WebElement visible(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    private void waitForText(String css, String text) {
        wait.withMessage(() -> "'" + text + "' in " + css + ", which shows: "
                        + driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList())
                .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    /** Sets a time input the way a person's picker would (typing into one depends on the browser's locale). */
    private void setTime(String id, String hhmm) {
        ((JavascriptExecutor) driver).executeScript("const i = document.getElementById(arguments[0]);"
                + "i.value = arguments[1]; i.dispatchEvent(new Event('input', {bubbles: true}));", id, hhmm);
    }

    @Test
    void aCampaignerImportsPreviewsSendsAndWatchesDelivery() throws IOException {
        // A campaigner-only user lands on the campaign page.
        driver.get(url("/login"));
        visible("#username").sendKeys("cam");
        driver.findElement(By.id("password")).sendKeys("cam-password-1");
        driver.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.urlToBe(url("/console/campaigns")));
        waitForText("#nav", "Campaigns");
        waitForText("#subscribed", "0");

        // A file with one bad line imports nothing, and says which line and why.
        Path csv = dir.resolve("contacts.csv");
        Files.writeString(csv, "phone,channel,language,tags,timezone,consent_at,consent_record\n"
                + "+447911123801,sms,en,school-a,UTC,2026-03-01,form 1\n"
                + "+44 12,sms,en,school-a,UTC,2026-03-01,form 2\n"
                + "+447911123803,sms,es,school-a,UTC,2026-03-01,form 3\n"
                + "+447911123804,sms,en,school-b,UTC,2026-03-01,form 4\n"
                + "+447911123805,whatsapp,en,school-a,UTC,2026-03-01,form 5\n");
        driver.findElement(By.id("csv-file")).sendKeys(csv.toString());
        driver.findElement(By.id("import")).click();
        waitForText("#import-message", "Nothing was imported");
        waitForText("#import-rejected tr[data-line='3']", "phone number");
        assertEquals(1, driver.findElements(By.cssSelector("#import-rejected tr")).size());

        // ... until the campaigner imports the valid rows only.
        visible("#import-partial").click();
        waitForText("#import-message", "4 contact(s) added");
        waitForText("#subscribed", "4");
        waitForText("#by-language", "es");
        visible("#audience-tags input[value='school-a']");

        // A campaign in two languages, for SMS only; quiet hours well away from now (contacts are on UTC).
        driver.findElement(By.id("c-name")).sendKeys(NAME);
        driver.findElement(By.cssSelector("#messages .message-row textarea"))
                .sendKeys("Exams soon? Breathe, sleep, and talk to us any time.");
        driver.findElement(By.id("add-language")).click();
        WebElement second = driver.findElements(By.cssSelector("#messages .message-row")).get(1);
        second.findElement(By.cssSelector("input.lang")).sendKeys("es");
        second.findElement(By.tagName("textarea")).sendKeys("¿Exámenes pronto? Respira y háblanos.");
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        DateTimeFormatter hm = DateTimeFormatter.ofPattern("HH:mm");
        setTime("c-quiet-start", now.plusHours(3).format(hm));
        setTime("c-quiet-end", now.plusHours(4).format(hm));
        WebElement rate = driver.findElement(By.id("c-rate"));
        rate.clear();
        rate.sendKeys("5");
        assertTrue(driver.findElement(By.cssSelector("input[name=channel][value=SMS]")).isSelected());
        assertFalse(driver.findElement(By.cssSelector("input[name=channel][value=WHATSAPP]")).isSelected());
        assertFalse(driver.findElement(By.id("create")).isEnabled(), "no Create before a preview");

        // Preview: the audience, per language and channel, and each message's segments.
        driver.findElement(By.id("preview")).click();
        waitForText("#pv-audience", "3");
        waitForText("#pv-languages", "en");
        waitForText("#pv-channels", "SMS");
        waitForText("#pv-messages [data-lang='en'] .encoding", "GSM-7");
        waitForText("#pv-messages [data-lang='en'] .segments", "1 segment");
        waitForText("#pv-messages [data-lang='es'] .encoding", "UCS-2");
        assertEquals("á", driver.findElement(By.cssSelector("#pv-messages [data-lang='es'] .sms mark")).getText(),
                "the character forcing UCS-2 is pointed out");
        waitForText("#pv-warnings", "UCS-2");

        // Create; the detail opens and the progress bar reaches 100 %.
        WebElement create = driver.findElement(By.id("create"));
        wait.until(ExpectedConditions.elementToBeClickable(create)).click();
        visible("#detail");
        wait.withMessage(() -> "progress " + driver.findElement(By.id("progress-label")).getText())
                .until(ExpectedConditions.attributeToBe(By.id("progress"), "aria-valuenow", "100"));
        waitForText("#detail-state", "Completed");
        waitForText("#funnel [data-key='accepted'] text.value", "3");
        assertEquals(3, twilio.created().size(), "three real SDK sends, WhatsApp and the bad line left out");

        // Twilio reports the messages sent; the funnel counts them.
        for (TwilioStandIn.Created c : twilio.created()) {
            String callback = twilio.received().stream().filter(r -> c.to().equals(r.form().get("To")))
                    .findFirst().orElseThrow().form().get("StatusCallback");
            String path = callback.substring(PUBLIC.length());
            Map<String, String> form = new LinkedHashMap<>();
            form.put("MessageSid", c.sid());
            form.put("MessageStatus", "sent");
            form.put("AccountSid", SID);
            var r = Http.post(url(path), "application/x-www-form-urlencoded", Http.utf8(Http.form(form)),
                    Map.of("X-Twilio-Signature", TwilioSigner.sign(TOKEN, callback, form)));
            assertEquals(200, r.statusCode(), r.body());
        }
        driver.findElement(By.id("detail-refresh")).click();
        waitForText("#funnel [data-key='status:sent'] text.value", "3");
        waitForText("#funnel [data-key='audience'] text.value", "3");

        // The name with a script tag is shown as the characters typed, and nothing ran.
        assertEquals(NAME, driver.findElement(By.id("detail-name")).getText());
        assertEquals(NAME, visible("#campaign-list td.name").getText());
        assertTrue(driver.findElements(By.cssSelector("#detail script, #detail img, #campaign-list script, "
                + "#campaign-list img")).isEmpty(), "no element was made from the campaign's name");
        assertEquals(0L, ((JavascriptExecutor) driver).executeScript("return window.__alerts.length"));
        // and the pause / resume / cancel buttons are gone once it is completed
        assertFalse(driver.findElement(By.id("cancel")).isDisplayed());
    }
}
