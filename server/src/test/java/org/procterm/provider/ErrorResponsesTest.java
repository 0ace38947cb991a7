package org.procterm.provider;

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
import org.procterm.TestServers;

/** Raw HTTP, because these are requests a FHIR client library would refuse to send. */
@ExtendWith(LiveServer.class)
class ErrorResponsesTest {

	private final HttpClient http = HttpClient.newHttpClient();

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return http.send(request.header("Accept", "application/fhir+json").build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void assertOperationOutcome(HttpResponse<String> response, int status) {
		assertEquals(status, response.statusCode(), response.body());
		assertTrue(response.body().contains("\"resourceType\":\"OperationOutcome\""), response.body());
		assertFalse(response.body().contains("\tat "), "no stack trace in a response");
	}

	@Test
	void malformedJsonIs400(LiveServer.Server server) throws Exception {
		HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/CodeSystem"))
				.header("Content-Type", "application/fhir+json")
				.header("Authorization", "Bearer " + TestServers.ADMIN_TOKEN)
				.POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"CodeSystem\", \"url\": ")));
		assertOperationOutcome(r, 400);
	}

	@Test
	void malformedParametersBodyIs400(LiveServer.Server server) throws Exception {
		HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/CodeSystem/$lookup"))
				.header("Content-Type", "application/fhir+json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"code\"")));
		assertOperationOutcome(r, 400);
	}

	@Test
	void nonNumericCountIs400(LiveServer.Server server) throws Exception {
		HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(server.baseUrl()
				+ "/ValueSet/$expand?url=" + ExpandOperationTest.SPINE + "&count=ten")).GET());
		assertOperationOutcome(r, 400);
		assertTrue(r.body().contains("A parameter that takes a whole number has the value 'ten'; send digits"), r.body());
		assertFalse(r.body().contains("For input string"), "no Java wording: " + r.body());
	}

	@Test
	void unknownSearchParameterIs400(LiveServer.Server server) throws Exception {
		HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/CodeSystem?colour=red")).GET());
		assertOperationOutcome(r, 400);
	}

	@Test
	void unknownResourceIs404(LiveServer.Server server) throws Exception {
		assertOperationOutcome(send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/CodeSystem/does-not-exist")).GET()), 404);
		assertOperationOutcome(send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/NoSuchType/1")).GET()), 404);
	}
}
