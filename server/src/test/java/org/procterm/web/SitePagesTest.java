package org.procterm.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.procterm.LiveServer;

/** The pages as a client without JavaScript gets them: whole, escaped, in the language asked for. */
@ExtendWith(LiveServer.class)
class SitePagesTest {

	private final HttpClient http = HttpClient.newHttpClient();

	private HttpResponse<String> get(LiveServer.Server server, String path) throws Exception {
		String root = server.baseUrl().substring(0, server.baseUrl().length() - "/fhir".length());
		return http.send(HttpRequest.newBuilder(URI.create(root + path)).header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void thePatientPageIsWholeWithoutJavaScript(LiveServer.Server server) throws Exception {
		HttpResponse<String> r = get(server, "/procedures/22210?lang=es");
		assertEquals(200, r.statusCode());
		assertEquals("es", r.headers().firstValue("Content-Language").orElse(null));
		assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
		for (String id : new String[] {"summary", "when-to-call", "similar-codes", "sources", "risks"}) {
			assertTrue(r.body().contains("id=\"" + id + "\""), id);
		}
		assertTrue(r.body().contains("Los códigos y descriptores CPT son propiedad intelectual de la American Medical Association"));
	}

	@Test
	void searchWorksWithoutJavaScriptAndEscapesWhatWasTyped(LiveServer.Server server) throws Exception {
		HttpResponse<String> found = get(server, "/search?q=lamin");
		assertTrue(found.body().contains("href=\"/procedures/63185\""), found.body());
		HttpResponse<String> script = get(server, "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
		assertEquals(200, script.statusCode());
		assertFalse(script.body().contains("<script>alert(1)</script>"));
		assertTrue(script.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
	}
}
