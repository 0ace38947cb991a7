package org.procterm.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.procterm.LiveServer;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;

@ExtendWith(LiveServer.class)
class WriteProtectionTest {

	private static CodeSystem tiny() {
		CodeSystem cs = new CodeSystem();
		cs.setUrl("http://example.org/test/write-guard");
		cs.setStatus(PublicationStatus.DRAFT);
		cs.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
		cs.addConcept().setCode("a").setDisplay("A");
		return cs;
	}

	@Test
	void createWithoutTokenIs401WithAnOperationOutcome(LiveServer.Server server) {
		AuthenticationException e = assertThrows(AuthenticationException.class,
				() -> server.client().create().resource(tiny()).execute());
		assertEquals(401, e.getStatusCode());
		OperationOutcome oo = (OperationOutcome) e.getOperationOutcome();
		assertTrue(oo.getIssueFirstRep().getDiagnostics().contains("Authorization: Bearer"), oo.getIssueFirstRep().getDiagnostics());
	}

	@Test
	void wrongTokenIsRefused(LiveServer.Server server) {
		IGenericClient wrong = server.fhir().newRestfulGenericClient(server.baseUrl());
		wrong.registerInterceptor(new BearerTokenAuthInterceptor("not-the-token"));
		assertThrows(AuthenticationException.class, () -> wrong.create().resource(tiny()).execute());
	}

	@Test
	void updateDeleteAndTransactionWithoutTokenAreRefused(LiveServer.Server server) {
		IdType id = (IdType) server.admin().create().resource(tiny()).execute().getId();
		try {
			CodeSystem changed = tiny().setName("Changed");
			changed.setId(id.toUnqualifiedVersionless());
			assertThrows(AuthenticationException.class, () -> server.client().update().resource(changed).execute());
			assertThrows(AuthenticationException.class, () -> server.client().delete().resourceById(id.toUnqualifiedVersionless()).execute());
			Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
			tx.addEntry().setResource(new Patient()).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
			assertThrows(AuthenticationException.class, () -> server.client().transaction().withBundle(tx).execute());
			assertEquals(id.getIdPart(), server.client().read().resource(CodeSystem.class).withId(id.getIdPart()).execute().getIdElement().getIdPart(),
					"reads need no token");
		} finally {
			server.admin().delete().resourceById(id.toUnqualifiedVersionless()).execute();
		}
	}

	@Test
	void createWithTheAdminTokenSucceeds(LiveServer.Server server) {
		var outcome = server.admin().create().resource(new org.hl7.fhir.r4.model.Questionnaire()
				.setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.DRAFT)).execute();
		assertTrue(outcome.getCreated());
		server.admin().delete().resourceById(outcome.getId().toUnqualifiedVersionless()).execute();
	}
}
