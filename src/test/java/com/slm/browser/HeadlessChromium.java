package com.slm.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver (never a downloaded browser). Fails, not
 * skips, when either is missing: a green browser test must mean a browser ran. Screenshots go to
 * {@code target/screenshots} (kept by CI as artifacts).
 * <p>
 * Against the product over HTTPS, the browser is given the CA to trust the way a user would import it: a private
 * NSS database (Chromium's certificate store on Linux, {@code $HOME/.pki/nssdb}) in a throw-away home holding only
 * that CA, made with {@code certutil} (Debian's libnss3-tools). Chromium then verifies chain and host name as usual;
 * nothing is ignored.
 */
public final class HeadlessChromium implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    public static final Path CERTUTIL = Path.of("/usr/bin/certutil");

    private final WebDriver driver;
    private final Path profile;

    public HeadlessChromium() throws IOException {
        this(null);
    }

    /** A browser that trusts {@code trustedCa} (a PEM CA certificate) in addition to nothing else of ours. */
    public HeadlessChromium(Path trustedCa) throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver "
                    + "(scripts/test installs them): " + CHROMIUM + " or " + CHROMEDRIVER + " is missing");
        }
        profile = Files.createTempDirectory("slm-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Without the background-networking flags chromium keeps dialling Google, which this network refuses.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1600,1000", "--user-data-dir=" + profile);
        ChromeDriverService.Builder builder = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile());
        if (trustedCa != null) {
            builder.withEnvironment(java.util.Map.of("HOME", nssHomeTrusting(trustedCa).toString()));
        }
        ChromeDriverService service = builder.build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    /** A home folder under the profile whose NSS database trusts the CA for web servers ("C,,"). */
    private Path nssHomeTrusting(Path ca) throws IOException {
        if (!Files.isExecutable(CERTUTIL)) {
            throw new IllegalStateException("HTTPS browser tests need certutil (Debian's libnss3-tools; scripts/test installs it)");
        }
        Path home = profile.resolve("home");
        Path nssdb = home.resolve(".pki/nssdb");
        Files.createDirectories(nssdb);
        run(CERTUTIL.toString(), "-N", "-d", "sql:" + nssdb, "--empty-password");
        run(CERTUTIL.toString(), "-A", "-d", "sql:" + nssdb, "-n", "slm-lab-ca", "-t", "C,,", "-i", ca.toString());
        return home;
    }

    private static void run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement waitFor(By by) {
        return waitFor(by, Duration.ofSeconds(30));
    }

    public WebElement waitFor(By by, Duration timeout) {
        return new WebDriverWait(driver, timeout).until(ExpectedConditions.elementToBeClickable(by));
    }

    public WebElement waitVisible(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** The login form of every Camunda webapp (Tasklist, Cockpit, Admin). */
    public void camundaLogin(String user, String password) {
        waitFor(By.cssSelector("input[ng-model='username']")).sendKeys(user);
        driver.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type='submit']")).click();
        waitVisible(By.cssSelector(".navbar-brand, .app-banner, [cam-widget-header]"));
        // The header shows on the login page too: only the form's going away says the login was answered. A page
        // opened before that (the next step of a test) would go out without the session and show the login again.
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("input[ng-model='username']")));
    }

    /** Saves a screenshot as target/screenshots/{name}.png and returns its path. */
    public Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = SCREENSHOTS.resolve(name + ".png");
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /** Screenshot and page source, for a step that failed; never hides the original failure. */
    public void keepEvidence(String name) {
        try {
            screenshot(name);
            Files.writeString(SCREENSHOTS.resolve(name + ".html"), driver.getPageSource());
        } catch (IOException | RuntimeException ignored) {
            // the failure being reported matters more
        }
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
