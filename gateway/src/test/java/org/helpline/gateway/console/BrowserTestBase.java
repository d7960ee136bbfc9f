package org.helpline.gateway.console;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import org.helpline.gateway.support.ConsolePage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a console browser test starts from: the running service and its users, and one headless Chromium for the
 * whole class (started once: a browser per test would double the suite's time).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTestBase implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;
    @Inject
    Users users;

    ConsolePage page;
    ChromeDriver driver;
    WebDriverWait wait;

    /** How long the page's waits may take. */
    Duration timeout() {
        return Duration.ofSeconds(15);
    }

    @BeforeAll
    void startBrowser() {
        page = ConsolePage.start(() -> server.getURL().toString(), timeout());
        driver = page.driver;
        wait = page.wait;
    }

    @AfterAll
    void stopBrowser() {
        if (page != null) {
            page.close();
        }
    }
}
