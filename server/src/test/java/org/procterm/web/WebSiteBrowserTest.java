package org.procterm.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.procterm.LiveServer;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

/**
 * The web site as a person uses it, in a real browser against the real server: find a procedure by
 * typing, read it in Spanish, follow a similar code, print it, land on a code that is not served,
 * open /fhir by mistake; every page is checked by axe-core for WCAG 2.1 A and AA.
 */
@ExtendWith(LiveServer.class)
class WebSiteBrowserTest {

	private static ChromeDriver browser;

	@BeforeAll
	static void start() throws Exception {
		browser = Browser.start();
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.quit();
		}
	}

	private static String root(LiveServer.Server server) {
		return server.baseUrl().substring(0, server.baseUrl().length() - "/fhir".length());
	}

	private static WebDriverWait waiting() {
		return new WebDriverWait(browser, Duration.ofSeconds(10));
	}

	@Test
	void aPatientFindsRhizotomyByTypingAndOpensItsPage(LiveServer.Server server) throws Exception {
		browser.get(root(server) + "/");
		Browser.screenshot(browser, "home");
		WebElement box = browser.findElement(By.id("q"));
		box.sendKeys("rhizo");
		WebElement result = waiting().until(ExpectedConditions.elementToBeClickable(
				By.cssSelector("#live-results a[href='/procedures/63185']")));
		assertTrue(result.getText().contains("rhizotomy"), result.getText());
		Browser.screenshot(browser, "typeahead");
		box.sendKeys(Keys.ARROW_DOWN);
		assertEquals("A", browser.switchTo().activeElement().getTagName().toUpperCase(), "the results are reachable by keyboard");
		result.click();
		waiting().until(ExpectedConditions.urlContains("/procedures/63185"));
		assertTrue(browser.findElement(By.tagName("h1")).getText().contains("rhizotomy"));
		assertTrue(browser.findElement(By.id("when-to-call")).isDisplayed(), "the page has its sections with stable ids");
	}

	@Test
	void theLanguageSwitchGivesTheSpanishPageAtTheSamePlace(LiveServer.Server server) throws Exception {
		browser.get(root(server) + "/procedures/63185#risks");
		browser.findElement(By.cssSelector("a.keep-place[lang='es']")).click();
		waiting().until(ExpectedConditions.urlContains("lang=es"));
		assertTrue(browser.getCurrentUrl().endsWith("#risks"), browser.getCurrentUrl());
		assertEquals("es", browser.findElement(By.tagName("html")).getAttribute("lang"));
		assertEquals("Riesgos", browser.findElement(By.id("risks")).getText());
		assertTrue(browser.findElement(By.tagName("h1")).getText().startsWith("Cirugía de columna"));
		Browser.screenshot(browser, "procedure-63185-es");
	}

	@Test
	void aSimilarCodeIsOneClickAway(LiveServer.Server server) throws Exception {
		browser.get(root(server) + "/procedures/63185");
		browser.findElement(By.cssSelector("a[href='/procedures/63190']")).click();
		waiting().until(ExpectedConditions.urlContains("/procedures/63190"));
		assertTrue(browser.findElement(By.tagName("h1")).getText().contains("more than 2 levels"));
		Browser.screenshot(browser, "procedure-63190-en");
	}

	@Test
	void thePagePrintsWithoutTheSiteChrome(LiveServer.Server server) throws Exception {
		browser.get(root(server) + "/procedures/63185?lang=es");
		browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
		try {
			assertFalse(browser.findElement(By.cssSelector("header.site")).isDisplayed(), "no header on paper");
			assertFalse(browser.findElement(By.cssSelector("aside.developers")).isDisplayed(), "no developer block on paper");
			assertTrue(browser.findElement(By.id("when-to-call")).isDisplayed());
		} finally {
			browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
		}
		byte[] pdf = Base64.getDecoder().decode(browser.print(new PrintOptions()).getContent());
		assertEquals("%PDF", new String(pdf, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
		Files.createDirectories(Browser.SCREENSHOTS);
		Files.write(Browser.SCREENSHOTS.resolve("procedure-63185-es.pdf"), pdf);
	}

	@Test
	void aCodeThatIsNotServedGetsAFriendlyPageWithTheSearchBox(LiveServer.Server server) throws Exception {
		browser.get(root(server) + "/procedures/99999");
		assertTrue(browser.findElement(By.tagName("h1")).getText().contains("We do not have a page"));
		assertTrue(browser.findElement(By.id("q")).isDisplayed());
		Browser.screenshot(browser, "not-found");
	}

	@Test
	void fhirOpenedInABrowserExplainsItself(LiveServer.Server server) throws Exception {
		browser.get(server.baseUrl());
		assertTrue(browser.findElement(By.tagName("h1")).getText().contains("FHIR API"));
		Browser.screenshot(browser, "fhir-in-a-browser");
	}

	@Test
	void everyPageMeetsWcag21AA(LiveServer.Server server) throws Exception {
		String root = root(server);
		for (String page : List.of("/", "/?lang=es", "/procedures/63185", "/procedures/63185?lang=es", "/procedures/22216",
				"/search?q=lamin", "/procedures/99999", "/fhir")) {
			browser.get(root + page);
			Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(browser);
			assertFalse(results.isErrored(), page + ": axe-core ran");
			assertTrue(results.getPasses().stream().anyMatch(r -> r.getId().equals("color-contrast")), page + ": contrast was checked");
			List<String> violations = results.getViolations().stream()
					.map((Rule r) -> r.getId() + ": " + r.getHelp() + " " + r.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList())
					.toList();
			assertEquals(List.of(), violations, page);
		}
	}
}
