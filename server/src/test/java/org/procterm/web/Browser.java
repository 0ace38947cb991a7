package org.procterm.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium driven by Selenium, from Debian's {@code chromium} and {@code chromium-driver}
 * (.ci/run installs them). Started with the flags a closed network needs (no background
 * connections), a fresh profile, and a fixed window, so screenshots are comparable run to run.
 */
final class Browser {

	static final Path CHROMIUM = Path.of(System.getProperty("procterm.chromium", "/usr/bin/chromium"));
	static final Path DRIVER = Path.of(System.getProperty("procterm.chromedriver", "/usr/bin/chromedriver"));
	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private Browser() {}

	static ChromeDriver start() throws IOException {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
			throw new IllegalStateException("The browser tests need Chromium and its driver at " + CHROMIUM + " and " + DRIVER
					+ ": install them with 'apt-get install chromium chromium-driver' (Debian), as .ci/run does");
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
				"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--window-size=1100,1400", "--user-data-dir=" + Files.createTempDirectory("procterm-chromium-"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return driver;
	}

	/** Keeps what the browser shows under target/screenshots, for a person to look at. */
	static void screenshot(ChromeDriver driver, String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
	}
}
