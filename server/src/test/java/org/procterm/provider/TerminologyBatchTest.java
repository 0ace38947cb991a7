package org.procterm.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.procterm.LiveServer;

import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;

/** A Bundle of type batch of terminology requests: open to anyone, each entry answered as if sent alone. */
@ExtendWith(LiveServer.class)
class TerminologyBatchTest {

	private static final String GENDER = "http://hl7.org/fhir/administrative-gender";

	private static void get(Bundle batch, String url) {
		batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl(url);
	}

	@Test
	void eachEntryIsAnsweredOnItsOwnAndABadOneFailsNoOther(LiveServer.Server server) {
		Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
		get(batch, "CodeSystem/$lookup?system=" + GENDER + "&code=male");
		get(batch, "CodeSystem/$lookup?system=http://unknown.example.org/cs&code=x");
		Parameters validate = new Parameters();
		validate.addParameter("url", new UriType("http://hl7.org/fhir/ValueSet/administrative-gender"));
		validate.addParameter().setName("coding").setValue(new Coding(GENDER, "female", null));
		batch.addEntry().setResource(validate).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("ValueSet/$validate-code");

		int valueSets = valueSetCount(server);
		Bundle answer = server.client().transaction().withBundle(batch).execute();
		assertEquals(Bundle.BundleType.BATCHRESPONSE, answer.getType());
		assertEquals(3, answer.getEntry().size());
		assertEquals("200 OK", answer.getEntry().get(0).getResponse().getStatus());
		assertEquals("Male", ((Parameters) answer.getEntry().get(0).getResource()).getParameterValue("display").primitiveValue());
		assertTrue(answer.getEntry().get(1).getResponse().getStatus().startsWith("404"));
		OperationOutcome unknown = assertInstanceOf(OperationOutcome.class, answer.getEntry().get(1).getResponse().getOutcome());
		assertTrue(unknown.getIssueFirstRep().getDetails().getText().contains("http://unknown.example.org/cs"));
		Parameters female = assertInstanceOf(Parameters.class, answer.getEntry().get(2).getResource());
		assertTrue(((BooleanType) female.getParameterValue("result")).booleanValue());
		assertEquals(valueSets, valueSetCount(server), "a POST entry to an operation stores nothing");
	}

	private static int valueSetCount(LiveServer.Server server) {
		return server.client().search().forResource(org.hl7.fhir.r4.model.ValueSet.class).summaryMode(ca.uhn.fhir.rest.api.SummaryEnum.COUNT)
				.returnBundle(Bundle.class).execute().getTotal();
	}

	@Test
	void aBatchThatWouldChangeSomethingStillNeedsTheAdminToken(LiveServer.Server server) {
		Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
		get(batch, "CodeSystem/$lookup?system=" + GENDER + "&code=male");
		CodeSystem cs = new CodeSystem();
		cs.setUrl("http://example.org/test/batch-created");
		batch.addEntry().setResource(cs).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("CodeSystem");
		assertThrows(AuthenticationException.class, () -> server.client().transaction().withBundle(batch).execute());
	}

	@Test
	void aBatchOfMoreThanAHundredEntriesIsRefused(LiveServer.Server server) {
		Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
		for (int i = 0; i <= 100; i++) {
			get(batch, "CodeSystem/$lookup?system=" + GENDER + "&code=male");
		}
		InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> server.client().transaction().withBundle(batch).execute());
		assertTrue(e.getMessage().contains("at most 100 entries"), e.getMessage());
	}

	@Test
	void anEntryThatEscapesTheFhirBaseIsNoReadAndTheBatchsOwnParametersAreNotTheEntries(LiveServer.Server server) throws Exception {
		Bundle escaping = new Bundle().setType(Bundle.BundleType.BATCH);
		get(escaping, "%2e%2e/metrics");
		assertThrows(AuthenticationException.class, () -> server.client().transaction().withBundle(escaping).execute(),
				"an encoded way out of /fhir is not a read this filter answers: HAPI's batch, which needs the token, takes it");

		Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
		get(batch, "CodeSystem/$lookup?system=" + GENDER + "&code=male");
		java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
				java.net.URI.create(server.baseUrl() + "?_format=xml")).header("Content-Type", "application/fhir+json")
				.header("Accept", "application/fhir+json")
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString(server.fhir().newJsonParser().encodeResourceToString(batch))).build(),
				java.net.http.HttpResponse.BodyHandlers.ofString());
		Bundle read = server.fhir().newJsonParser().parseResource(Bundle.class, answer.body());
		assertInstanceOf(Parameters.class, read.getEntryFirstRep().getResource(), "the batch's ?_format=xml is not the entry's: " + answer.body());
	}
}
