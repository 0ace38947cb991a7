package org.procterm.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.procterm.LiveServer;

/** The headers a browser, a cache and a security scanner look at, on the real server. */
@ExtendWith(LiveServer.class)
class HttpHygieneTest {

	private static final String LOOKUP = "/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt&code=63185";
	private final HttpClient http = HttpClient.newHttpClient();

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest.Builder at(LiveServer.Server server, String path) {
		return HttpRequest.newBuilder(URI.create(server.baseUrl() + path));
	}

	@Test
	void traceIsRefusedAndEchoesNothing(LiveServer.Server server) throws Exception {
		HttpResponse<String> r = send(at(server, "/metadata").method("TRACE", HttpRequest.BodyPublishers.noBody())
				.header("Cookie", "session=secret"));
		assertEquals(405, r.statusCode());
		assertFalse(r.body().contains("secret"), r.body());
		assertTrue(r.body().contains("\"resourceType\":\"OperationOutcome\""), r.body());
	}

	@Test
	void answersDiscloseNoVersionsAndForbidSniffing(LiveServer.Server server) throws Exception {
		for (HttpResponse<String> r : List.of(send(at(server, LOOKUP)), send(at(server, "/CodeSystem/nothing-here")))) {
			assertEquals(List.of("nosniff"), r.headers().allValues("X-Content-Type-Options"));
			assertTrue(r.headers().firstValue("Server").isEmpty(), "no Server header");
			assertTrue(r.headers().firstValue("X-Powered-By").isEmpty(), "no X-Powered-By header");
			assertEquals(1, r.headers().allValues("Date").size(), "one Date header");
		}
	}

	@Test
	void aTerminologyAnswerCanBeRevalidatedCheaply(LiveServer.Server server) throws Exception {
		HttpResponse<String> first = send(at(server, LOOKUP));
		assertEquals(200, first.statusCode());
		String etag = first.headers().firstValue("ETag").orElseThrow();
		assertTrue(first.headers().firstValue("Last-Modified").isPresent());
		assertEquals("no-cache", first.headers().firstValue("Cache-Control").orElseThrow());
		HttpResponse<String> again = send(at(server, LOOKUP).header("If-None-Match", etag));
		assertEquals(304, again.statusCode());
		assertEquals("", again.body());
		HttpResponse<String> other = send(at(server, LOOKUP.replace("63185", "63190")).header("If-None-Match", etag));
		assertEquals(200, other.statusCode(), "another question is another answer");
	}

	@Test
	void aWriteChangesTheTagSoNoClientKeepsAStaleAnswer(LiveServer.Server server) throws Exception {
		String before = send(at(server, LOOKUP)).headers().firstValue("ETag").orElseThrow();
		org.hl7.fhir.r4.model.CodeSystem cs = new org.hl7.fhir.r4.model.CodeSystem();
		cs.setId("etag-change");
		cs.setUrl("http://example.org/etag-change").setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE)
				.setContent(org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode.COMPLETE).addConcept().setCode("a");
		server.admin().update().resource(cs).execute();
		HttpResponse<String> after = send(at(server, LOOKUP).header("If-None-Match", before));
		assertEquals(200, after.statusCode(), "the content changed, so the old answer is not confirmed");
		assertFalse(before.equals(after.headers().firstValue("ETag").orElseThrow()));
		assertEquals(304, send(at(server, LOOKUP).header("If-None-Match", "W/\"other\", " + after.headers().firstValue("ETag").orElseThrow()))
				.statusCode(), "a list of tags is read as HTTP defines it");
	}

	@Test
	void writesAreNeverStored(LiveServer.Server server) throws Exception {
		HttpResponse<String> r = send(at(server, "/CodeSystem/x").PUT(HttpRequest.BodyPublishers.ofString("{}"))
				.header("Content-Type", "application/fhir+json"));
		assertEquals("no-store", r.headers().firstValue("Cache-Control").orElseThrow());
	}

	@Test
	void browsersOnOtherOriginsMayReadButNotWrite(LiveServer.Server server) throws Exception {
		HttpResponse<String> read = send(at(server, "/ValueSet/$expand").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
				.header("Origin", "https://portal.example.org").header("Access-Control-Request-Method", "POST")
				.header("Access-Control-Request-Headers", "content-type"));
		assertEquals("https://portal.example.org", read.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
		assertTrue(read.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));

		HttpResponse<String> write = send(at(server, "/CodeSystem/x").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
				.header("Origin", "https://portal.example.org").header("Access-Control-Request-Method", "PUT")
				.header("Access-Control-Request-Headers", "authorization"));
		// a browser sends the PUT only if the preflight allows its method and the Authorization header: it allows neither
		assertFalse(write.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("PUT"));
		assertFalse(write.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase(java.util.Locale.ROOT).contains("authorization"));

		HttpResponse<String> get = send(at(server, LOOKUP).header("Origin", "https://portal.example.org"));
		assertEquals("https://portal.example.org", get.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
		assertTrue(get.headers().firstValue("Access-Control-Expose-Headers").orElse("").contains("ETag"));
	}

	@Test
	void jettysOwnRefusalsAreOperationOutcomes(LiveServer.Server server) throws Exception {
		String root = server.baseUrl().replace("/fhir", "");
		// a FHIR client that strays outside /fhir gets an OperationOutcome (a browser gets the site's page)
		HttpResponse<String> notFound = send(HttpRequest.newBuilder(URI.create(root + "/no/such/page")).header("Accept", "application/fhir+json"));
		assertEquals(404, notFound.statusCode());
		assertTrue(notFound.body().contains("\"resourceType\":\"OperationOutcome\"") && notFound.body().contains("under /fhir"), notFound.body());
		HttpResponse<String> tooLong = send(at(server, "/metadata?x=" + "a".repeat(70_000)));
		assertEquals(414, tooLong.statusCode());
		assertTrue(tooLong.body().contains("\"resourceType\":\"OperationOutcome\""), tooLong.body());
		HttpResponse<String> xml = send(HttpRequest.newBuilder(URI.create(root + "/nothing")).header("Accept", "application/fhir+xml"));
		assertTrue(xml.body().startsWith("<OperationOutcome"), xml.body());
	}
}
