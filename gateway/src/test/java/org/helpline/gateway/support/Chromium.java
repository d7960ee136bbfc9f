package org.helpline.gateway.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}; {@code scripts/test} installs them)
 * at 1280×900, with browser notifications allowed for the console's origin and {@code alert()} recorded instead of
 * shown; without Chromium the test fails and says how to install it.
 */
public final class Chromium implements AutoCloseable {
    private static final Path BINARY = Path.of(System.getProperty("helpline.chromium", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("helpline.chromedriver", "/usr/bin/chromedriver"));
    private static final String ALERT_RECORDER =
            "window.__alerts = []; window.alert = function (m) { window.__alerts.push(String(m)); };";

    public final ChromeDriver driver;
    private final ChromeDriverService service;

    private Chromium(ChromeDriver driver, ChromeDriverService service) {
        this.driver = driver;
        this.service = service;
    }

    public static Chromium start() {
        if (!Files.isExecutable(BINARY) || !Files.isExecutable(DRIVER)) {
            fail("Browser tests need Chromium and its driver at " + BINARY + " and " + DRIVER
                    + " (Debian: apt-get install -y chromium chromium-driver; scripts/test installs them). "
                    + "Other locations: -Dhelpline.chromium=... -Dhelpline.chromedriver=...");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("desk-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900", "--user-data-dir=" + profile,
                "--autoplay-policy=no-user-gesture-required");
        // 1 = allow: the desk asks once for permission to show desktop notifications
        options.setExperimentalOption("prefs", Map.of("profile.default_content_setting_values.notifications", 1));
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", ALERT_RECORDER));
        return new Chromium(driver, service);
    }

    @Override
    public void close() {
        driver.quit();
        service.stop();
    }
}
