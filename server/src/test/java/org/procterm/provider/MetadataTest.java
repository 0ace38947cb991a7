package org.procterm.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.TerminologyCapabilities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.procterm.LiveServer;

@ExtendWith(LiveServer.class)
class MetadataTest {

	private static String get(LiveServer.Server server, String path) throws Exception {
		HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
				.header("Accept", "application/fhir+json").build(), HttpResponse.BodyHandlers.ofString());
		assertEquals(200, r.statusCode(), r.body());
		return r.body();
	}

	@Test
	void terminologyModeListsTheServedCodeSystemsAndExpansionParameters(LiveServer.Server server) throws Exception {
		TerminologyCapabilities tc = server.fhir().newJsonParser().parseResource(TerminologyCapabilities.class,
				get(server, "/metadata?mode=terminology"));
		assertTrue(tc.getCodeSystem().stream().anyMatch(cs -> cs.getUri().equals("http://www.ama-assn.org/go/cpt")
				&& cs.getVersion().stream().anyMatch(v -> v.getCode().equals("2026"))));
		assertTrue(tc.getExpansion().getParameter().stream().anyMatch(p -> p.getName().equals("tx-resource")));
	}

	@Test
	void bothModesAnswerTheirOwnResourceWhicheverCameFirst(LiveServer.Server server) throws Exception {
		get(server, "/metadata?mode=terminology");
		assertEquals("CapabilityStatement", server.fhir().newJsonParser()
				.parseResource(CapabilityStatement.class, get(server, "/metadata")).fhirType());
		assertTrue(get(server, "/metadata?mode=terminology").contains("\"resourceType\":\"TerminologyCapabilities\""));
	}
}
