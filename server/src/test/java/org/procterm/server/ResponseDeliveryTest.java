package org.procterm.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.procterm.LiveServer;

/**
 * How responses travel: whole, with their length, when they are small, and complete when they are
 * large or compressed. Raw HTTP, because a FHIR client hides the framing.
 */
@ExtendWith(LiveServer.class)
class ResponseDeliveryTest {

	private static final String SPINE = "http://procterm.org/fhir/ValueSet/spine-procedures";

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private HttpResponse<byte[]> get(String url, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/fhir+json");
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	@Test
	void aTypeaheadExpansionIsSentWholeWithItsLength(LiveServer.Server server) throws Exception {
		HttpResponse<byte[]> r = get(server.baseUrl() + "/ValueSet/$expand?url=" + SPINE + "&filter=lamin&count=20");

		assertEquals(200, r.statusCode());
		assertEquals(String.valueOf(r.body().length), r.headers().firstValue("Content-Length").orElse("none"),
				"one body with its length, not a chunk per JSON field");
		assertFalse(r.headers().firstValue("Transfer-Encoding").isPresent());
		ValueSet expansion = server.fhir().newJsonParser().parseResource(ValueSet.class, new String(r.body(), StandardCharsets.UTF_8));
		assertTrue(expansion.getExpansion().getContains().stream().anyMatch(c -> c.getDisplay().toLowerCase().contains("lamin")));
	}

	@Test
	void aResponseLargerThanWhatIsHeldArrivesComplete(LiveServer.Server server) throws Exception {
		HttpResponse<byte[]> r = get(server.baseUrl() + "/metadata");

		assertEquals(200, r.statusCode());
		assertTrue(r.body().length > 4 * FlushCoalescingFilter.HELD, "the capability statement is large: " + r.body().length);
		CapabilityStatement capabilities = server.fhir().newJsonParser()
				.parseResource(CapabilityStatement.class, new String(r.body(), StandardCharsets.UTF_8));
		assertFalse(capabilities.getRest().isEmpty());
	}

	@Test
	void aCompressedResponseArrivesComplete(LiveServer.Server server) throws Exception {
		HttpResponse<byte[]> r = get(server.baseUrl() + "/metadata", "Accept-Encoding", "gzip");

		assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElse("none"));
		byte[] body;
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
			body = in.readAllBytes();
		}
		CapabilityStatement capabilities = server.fhir().newJsonParser()
				.parseResource(CapabilityStatement.class, new String(body, StandardCharsets.UTF_8));
		assertFalse(capabilities.getRest().isEmpty());
	}
}
