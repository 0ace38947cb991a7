package org.procterm.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.procterm.LiveServer;

/** The FHIR R4 core code systems and value sets answer out of the box, and stored content comes before them. */
@ExtendWith(LiveServer.class)
class CoreTerminologyTest {

	private static final String GENDER_VS = "http://hl7.org/fhir/ValueSet/administrative-gender";
	private static final String GENDER = "http://hl7.org/fhir/administrative-gender";

	private static Parameters validate(LiveServer.Server server, String system, String code) {
		Parameters in = new Parameters();
		in.addParameter("url", new UriType(GENDER_VS));
		in.addParameter("system", new UriType(system));
		in.addParameter("code", new CodeType(code));
		return server.client().operation().onType(ValueSet.class).named("$validate-code").withParameters(in).useHttpGet().execute();
	}

	@Test
	void patientGenderValidatesAgainstTheCoreValueSet(LiveServer.Server server) {
		Parameters male = validate(server, GENDER, "male");
		assertTrue(((BooleanType) male.getParameterValue("result")).booleanValue());
		assertEquals("Male", male.getParameterValue("display").primitiveValue());

		Parameters unknown = validate(server, GENDER, "mle");
		assertFalse(((BooleanType) unknown.getParameterValue("result")).booleanValue());
		assertEquals("The provided code 'http://hl7.org/fhir/administrative-gender#mle' was not found in the value set "
				+ "'http://hl7.org/fhir/ValueSet/administrative-gender|4.0.1'; Unknown code 'mle' in the CodeSystem "
				+ "'http://hl7.org/fhir/administrative-gender' version '4.0.1'", unknown.getParameterValue("message").primitiveValue());
	}

	@Test
	void coreCodeSystemsAnswerLookupExpandAndSubsumes(LiveServer.Server server) {
		Parameters lookup = new Parameters();
		lookup.addParameter("system", new UriType("http://hl7.org/fhir/event-status"));
		lookup.addParameter("code", new CodeType("completed"));
		Parameters found = server.client().operation().onType(CodeSystem.class).named("$lookup").withParameters(lookup).useHttpGet().execute();
		assertEquals("Completed", found.getParameterValue("display").primitiveValue());

		Parameters expand = new Parameters();
		expand.addParameter("url", new UriType("http://hl7.org/fhir/ValueSet/event-status"));
		ValueSet expanded = (ValueSet) server.client().operation().onType(ValueSet.class).named("$expand").withParameters(expand)
				.useHttpGet().returnResourceType(ValueSet.class).execute();
		assertEquals(8, expanded.getExpansion().getContains().size(), "event-status has eight codes in R4");

		Parameters subsumes = new Parameters();
		subsumes.addParameter("system", new UriType("http://terminology.hl7.org/CodeSystem/v3-ActCode"));
		subsumes.addParameter("codeA", new CodeType("_ActEncounterCode"));
		subsumes.addParameter("codeB", new CodeType("AMB"));
		Parameters outcome = server.client().operation().onType(CodeSystem.class).named("$subsumes").withParameters(subsumes)
				.useHttpGet().execute();
		assertEquals("subsumes", outcome.getParameterValue("outcome").primitiveValue());
	}

	@Test
	void aStoredCodeSystemWithTheSameUrlAndVersionWins(LiveServer.Server server) {
		CodeSystem ours = new CodeSystem();
		ours.setUrl(GENDER);
		ours.setVersion("4.0.1");
		ours.setStatus(PublicationStatus.ACTIVE);
		ours.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
		ours.addConcept().setCode("male").setDisplay("Man");
		IdType id = (IdType) server.admin().create().resource(ours).execute().getId();
		try {
			Parameters lookup = new Parameters();
			lookup.addParameter("system", new UriType(GENDER));
			lookup.addParameter("code", new CodeType("male"));
			Parameters found = server.client().operation().onType(CodeSystem.class).named("$lookup").withParameters(lookup).useHttpGet().execute();
			assertEquals("Man", found.getParameterValue("display").primitiveValue());
		} finally {
			server.admin().delete().resourceById(id.toUnqualifiedVersionless()).execute();
		}
		Parameters lookup = new Parameters();
		lookup.addParameter("system", new UriType(GENDER));
		lookup.addParameter("code", new CodeType("male"));
		Parameters found = server.client().operation().onType(CodeSystem.class).named("$lookup").withParameters(lookup).useHttpGet().execute();
		assertEquals("Male", found.getParameterValue("display").primitiveValue(), "the built-in one answers again once ours is deleted");
	}

	@Test
	void aSupplementAppliesToACoreCodeSystem(LiveServer.Server server) {
		CodeSystem supplement = new CodeSystem();
		supplement.setUrl("http://example.org/test/gender-in-spanish");
		supplement.setVersion("1");
		supplement.setStatus(PublicationStatus.ACTIVE);
		supplement.setContent(CodeSystem.CodeSystemContentMode.SUPPLEMENT);
		supplement.setSupplements(GENDER);
		supplement.addConcept().setCode("male").addDesignation().setLanguage("es").setValue("Masculino");
		Parameters lookup = new Parameters();
		lookup.addParameter("system", new UriType(GENDER));
		lookup.addParameter("code", new CodeType("male"));
		lookup.addParameter("useSupplement", new org.hl7.fhir.r4.model.CanonicalType(supplement.getUrl()));
		lookup.addParameter().setName("tx-resource").setResource(supplement);
		Parameters found = server.client().operation().onType(CodeSystem.class).named("$lookup").withParameters(lookup).execute();
		assertTrue(found.getParameters("designation").stream().flatMap(d -> d.getPart().stream())
				.anyMatch(p -> p.getName().equals("value") && "Masculino".equals(p.getValue().primitiveValue())), "the supplement's name is there");
	}
}
