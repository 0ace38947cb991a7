package org.procterm.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.procterm.LiveServer;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;

/** Content that breaks FHIR's rules for a code system is refused with 422 before it is stored, naming what is wrong. */
@ExtendWith(LiveServer.class)
class WriteValidationTest {

	private static CodeSystem codeSystem(String id) {
		CodeSystem cs = new CodeSystem();
		cs.setId(id);
		cs.setUrl("http://example.org/write-validation/" + id).setStatus(PublicationStatus.ACTIVE).setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
		return cs;
	}

	private static String refused(LiveServer.Server server, CodeSystem cs) {
		UnprocessableEntityException e = assertThrows(UnprocessableEntityException.class,
				() -> server.admin().update().resource(cs).execute());
		assertEquals(422, e.getStatusCode());
		assertEquals(404, assertThrows(BaseServerResponseException.class,
				() -> server.client().read().resource(CodeSystem.class).withId(cs.getIdElement().getIdPart()).execute()).getStatusCode(),
				"nothing was stored");
		return e.getMessage();
	}

	@Test
	void aDuplicateCodeIsRefused(LiveServer.Server server) {
		CodeSystem cs = codeSystem("wv-duplicate");
		cs.addConcept().setCode("a");
		cs.addConcept().setCode("a");
		assertTrue(refused(server, cs).contains("defines the same code more than once: a"));
	}

	@Test
	void anEmptyCodeIsRefused(LiveServer.Server server) {
		CodeSystem cs = codeSystem("wv-empty");
		cs.addConcept().setCode("").setDisplay("Nameless");
		assertTrue(refused(server, cs).contains("A concept has no code"));
	}

	@Test
	void aHierarchyCycleIsRefusedSoSubsumesCannotAnswerBothWays(LiveServer.Server server) {
		CodeSystem cs = codeSystem("wv-cycle");
		cs.addConcept().setCode("a").addProperty().setCode("parent").setValue(new CodeType("b"));
		cs.addConcept().setCode("b").addProperty().setCode("parent").setValue(new CodeType("a"));
		assertTrue(refused(server, cs).contains("cycle in its hierarchy"));
	}

	@Test
	void aUrlLongerThanTheDatabaseKeepsIsRefusedWithoutSql(LiveServer.Server server) {
		CodeSystem cs = codeSystem("wv-long-url");
		cs.setUrl("http://example.org/" + "a".repeat(600));
		cs.addConcept().setCode("a");
		String message = refused(server, cs);
		assertTrue(message.contains("urls of at most 500 characters") && !message.contains("SP_URI"), message);
	}

	@Test
	void aSearchParameterOverATypeNotStoredIsStillStored(LiveServer.Server server) {
		// as a package such as US Core brings them: HAPI's reindexing would refuse a base it does not store
		org.hl7.fhir.r4.model.SearchParameter sp = new org.hl7.fhir.r4.model.SearchParameter();
		sp.setUrl("http://example.org/write-validation/SearchParameter/patient-nickname").setName("nickname").setStatus(PublicationStatus.ACTIVE)
				.setCode("nickname").setType(org.hl7.fhir.r4.model.Enumerations.SearchParamType.STRING).setExpression("Patient.name.given")
				.setDescription("A nickname").addBase("Patient");
		var created = server.admin().create().resource(sp).execute();
		assertTrue(created.getCreated());
		server.admin().delete().resourceById(created.getId().toUnqualifiedVersionless()).execute();
	}

	@Test
	void aTransactionEntryForATypeNotStoredIsA400NamingIt(LiveServer.Server server) {
		org.hl7.fhir.r4.model.Bundle tx = new org.hl7.fhir.r4.model.Bundle().setType(org.hl7.fhir.r4.model.Bundle.BundleType.TRANSACTION);
		tx.addEntry().getRequest().setMethod(org.hl7.fhir.r4.model.Bundle.HTTPVerb.DELETE).setUrl("Patient/example");
		var e = assertThrows(ca.uhn.fhir.rest.server.exceptions.InvalidRequestException.class,
				() -> server.admin().transaction().withBundle(tx).execute());
		assertEquals(400, e.getStatusCode());
		assertTrue(e.getMessage().contains("Patient") && e.getMessage().contains("store.resource-types"), e.getMessage());
	}
}
