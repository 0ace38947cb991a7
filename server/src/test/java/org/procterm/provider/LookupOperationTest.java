package org.procterm.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.procterm.LiveServer;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;

@ExtendWith(LiveServer.class)
class LookupOperationTest {

	static final String CPT = "http://www.ama-assn.org/go/cpt";

	static Parameters lookup(LiveServer.Server server, Parameters in) {
		return server.client().operation().onType(CodeSystem.class).named("$lookup").withParameters(in)
				.useHttpGet().execute();
	}

	static Parameters codeIn(String system, String code) {
		Parameters in = new Parameters();
		in.addParameter("system", new UriType(system));
		in.addParameter("code", new CodeType(code));
		return in;
	}

	private static Map<String, String> properties(Parameters out) {
		Map<String, String> props = new HashMap<>();
		out.getParameter().stream().filter(p -> p.getName().equals("property")).forEach(p ->
				props.put(p.getPart().get(0).getValue().primitiveValue(), p.getPart().get(1).getValue().primitiveValue()));
		return props;
	}

	@Test
	void lookupOf22210ReturnsItsDisplayVersionAndTypedProperties(LiveServer.Server server) {
		Parameters out = lookup(server, codeIn(CPT, "22210"));
		assertEquals("Osteotomy of spine, posterior or posterolateral approach, 1 vertebral segment; cervical",
				out.getParameterValue("display").primitiveValue());
		assertEquals("2026", out.getParameterValue("version").primitiveValue());
		assertEquals("CPT", out.getParameterValue("name").primitiveValue());
		Map<String, String> props = properties(out);
		assertEquals("false", props.get("addOn"));
		assertEquals("cervical", props.get("bodyRegion"));
		assertEquals("1", props.get("vertebralSegmentsMax"), "an integer property, which stock HAPI 8.8 answers with a 500");
		assertEquals("240", props.get("durationMinutesMax"));
	}

	@Test
	void propertyParameterLimitsTheProperties(LiveServer.Server server) {
		Parameters in = codeIn(CPT, "63295");
		in.addParameter("property", new CodeType("addOn"));
		assertEquals(Map.of("addOn", "true"), properties(lookup(server, in)));
	}

	@Test
	void codingMayReplaceSystemAndCode(LiveServer.Server server) {
		Parameters in = new Parameters();
		in.addParameter().setName("coding").setValue(new Coding(CPT, "63185", null));
		Parameters out = server.client().operation().onType(CodeSystem.class).named("$lookup").withParameters(in).execute();
		assertEquals("Laminectomy with rhizotomy; 1 or 2 segments", out.getParameterValue("display").primitiveValue());
	}

	@Test
	void codeSystemSentAsTxResourceIsUsedForThatRequestOnly(LiveServer.Server server) {
		CodeSystem inline = new CodeSystem();
		inline.setUrl("http://example.org/inline-only");
		inline.setVersion("1");
		inline.setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE);
		inline.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
		inline.addConcept().setCode("x").setDisplay("Sent with the request");
		Parameters in = codeIn("http://example.org/inline-only", "x");
		in.addParameter().setName("tx-resource").setResource(inline);
		Parameters out = post(server, in);
		assertEquals("Sent with the request", out.getParameterValue("display").primitiveValue());
		assertThrows(ResourceNotFoundException.class, () -> lookup(server, codeIn("http://example.org/inline-only", "x")),
				"tx-resource content is never stored");
	}

	@Test
	void aConceptWithoutADisplayIsAnsweredWithoutAnEmptyDisplayParameter(LiveServer.Server server) {
		CodeSystem inline = new CodeSystem();
		inline.setUrl("http://example.org/no-display").setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE)
				.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
		inline.addConcept().setCode("bare");
		Parameters in = codeIn("http://example.org/no-display", "bare");
		in.addParameter().setName("tx-resource").setResource(inline);
		Parameters out = post(server, in);
		assertEquals("bare", out.getParameterValue("code").primitiveValue());
		assertTrue(out.getParameter().stream().allMatch(p -> p.hasValue() || p.hasResource() || p.hasPart()),
				"every parameter has a value, a resource or parts (FHIR's rule for Parameters)");
	}

	@Test
	void acceptLanguageIsReadAsAWeightedPreferenceList(LiveServer.Server server) throws Exception {
		String path = "/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt&code=63185";
		// Spanish weighs more though it comes second; a malformed header is passed over, not refused
		String weighted = server.get(path, "Accept-Language", "en;q=0.2, es").body();
		assertTrue(weighted.contains("\"name\":\"display\",\"valueString\":\"Cirugía de columna"), weighted);
		String english = server.get(path, "Accept-Language", "es;q=0.1, en").body();
		assertTrue(english.contains("\"name\":\"display\",\"valueString\":\"Laminectomy with rhizotomy"), english);
		assertEquals(200, server.get(path, "Accept-Language", ";;;;").statusCode());
	}

	@Test
	void unknownSystemIs404WithAnOperationOutcome(LiveServer.Server server) {
		ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
				() -> lookup(server, codeIn("http://example.org/no-such-system", "1")));
		OperationOutcome oo = (OperationOutcome) e.getOperationOutcome();
		assertEquals(OperationOutcome.IssueType.NOTFOUND, oo.getIssueFirstRep().getCode());
		assertTrue(oo.getIssueFirstRep().getDiagnostics().contains("http://example.org/no-such-system"));
	}

	@Test
	void unknownCodeIs404NamingTheCode(LiveServer.Server server) {
		ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class, () -> lookup(server, codeIn(CPT, "00000")));
		assertTrue(e.getMessage().contains("'00000'"), e.getMessage());
	}

	@Test
	void missingCodeIs400SayingWhatIsNeeded(LiveServer.Server server) {
		Parameters in = new Parameters();
		in.addParameter("system", new UriType(CPT));
		InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> lookup(server, in));
		assertEquals(400, e.getStatusCode());
		assertTrue(e.getMessage().contains("needs both a code and a system"), e.getMessage());
	}

	private static CodeSystem datedVersion(String version, String effective, String display) {
		CodeSystem cs = new CodeSystem();
		cs.setUrl("http://example.org/dated");
		cs.setVersion(version);
		cs.setDateElement(new DateTimeType(effective));
		cs.setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE);
		cs.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
		cs.addConcept().setCode("x").setDisplay(display);
		return cs;
	}

	private static Parameters onDate(String date) {
		Parameters in = codeIn("http://example.org/dated", "x");
		in.addParameter("date", new DateTimeType(date));
		in.addParameter().setName("tx-resource").setResource(datedVersion("1", "2025-01-01", "As worded in 2025"));
		in.addParameter().setName("tx-resource").setResource(datedVersion("2", "2026-01-01", "As worded in 2026"));
		return in;
	}

	private static Parameters post(LiveServer.Server server, Parameters in) {
		return server.client().operation().onType(CodeSystem.class).named("$lookup").withParameters(in).execute();
	}

	@Test
	void dateAnswersFromTheVersionInEffectOnThatDay(LiveServer.Server server) {
		Parameters mid2025 = post(server, onDate("2025-07-04T10:00:00Z"));
		assertEquals("1", mid2025.getParameterValue("version").primitiveValue());
		assertEquals("As worded in 2025", mid2025.getParameterValue("display").primitiveValue());
		assertEquals("2", post(server, onDate("2026")).getParameterValue("version").primitiveValue());
		ResourceNotFoundException before = assertThrows(ResourceNotFoundException.class, () -> post(server, onDate("2024-12-31")));
		assertTrue(before.getMessage().contains("was in effect on 2024-12-31; known versions: 1 (from 2025-01-01) or 2 (from 2026-01-01)"),
				before.getMessage());
	}

	private static CodeSystem germanSupplementOfCpt() {
		CodeSystem supplement = new CodeSystem();
		supplement.setUrl("http://example.org/cpt-german");
		supplement.setVersion("1");
		supplement.setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE);
		supplement.setContent(CodeSystem.CodeSystemContentMode.SUPPLEMENT);
		supplement.setSupplements(CPT);
		supplement.addConcept().setCode("22210").addDesignation().setLanguage("de").setValue("Osteotomie der Halswirbelsäule");
		return supplement;
	}

	@Test
	void useSupplementAddsTheSupplementsDesignationsAndNamesIt(LiveServer.Server server) {
		Parameters in = codeIn(CPT, "22210");
		in.addParameter("useSupplement", new org.hl7.fhir.r4.model.CanonicalType("http://example.org/cpt-german"));
		in.addParameter().setName("tx-resource").setResource(germanSupplementOfCpt());
		Parameters out = post(server, in);
		Parameters.ParametersParameterComponent german = out.getParameter().stream().filter(p -> p.getName().equals("designation")
				&& p.getPart().stream().anyMatch(part -> part.getName().equals("language") && part.getValue().primitiveValue().equals("de")))
				.findFirst().orElseThrow();
		assertTrue(german.getPart().stream().anyMatch(part -> part.getName().equals("source")
				&& part.getValue().primitiveValue().equals("http://example.org/cpt-german|1")));
		assertEquals("http://example.org/cpt-german|1", out.getParameterValue("used-supplement").primitiveValue());

		Parameters without = codeIn(CPT, "22210");
		without.addParameter().setName("tx-resource").setResource(germanSupplementOfCpt());
		assertTrue(post(server, without).getParameter().stream().noneMatch(p -> p.getName().equals("used-supplement")),
				"a supplement is used only when asked for");
	}

	@Test
	void anUnknownSupplementIs404NamingIt(LiveServer.Server server) {
		Parameters in = codeIn(CPT, "22210");
		in.addParameter("useSupplement", new org.hl7.fhir.r4.model.CanonicalType("http://example.org/no-such-supplement"));
		ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class, () -> post(server, in));
		assertTrue(e.getMessage().contains("Required supplement not found: http://example.org/no-such-supplement"), e.getMessage());
	}

	@Test
	void aSupplementStoredWithPutServesEveryLaterRequestThatAsksForIt(LiveServer.Server server) {
		CodeSystem stored = germanSupplementOfCpt();
		stored.setUrl("http://example.org/cpt-german-stored");
		stored.setId("cpt-german-stored");
		server.admin().update().resource(stored).execute();
		Parameters in = codeIn(CPT, "22210");
		in.addParameter("useSupplement", new org.hl7.fhir.r4.model.CanonicalType("http://example.org/cpt-german-stored|1"));
		assertEquals("http://example.org/cpt-german-stored|1", lookup(server, in).getParameterValue("used-supplement").primitiveValue());

		org.hl7.fhir.r4.model.ValueSet german = new org.hl7.fhir.r4.model.ValueSet();
		german.addExtension("http://hl7.org/fhir/StructureDefinition/valueset-supplement",
				new org.hl7.fhir.r4.model.CanonicalType("http://example.org/cpt-german-stored"));
		german.getCompose().addInclude().setSystem(CPT).addConcept().setCode("22210");
		Parameters validate = new Parameters();
		validate.addParameter().setName("valueSet").setResource(german);
		validate.addParameter("coding", new Coding(CPT, "22210", "Osteotomie der Halswirbelsäule"));
		Parameters out = server.client().operation().onType(org.hl7.fhir.r4.model.ValueSet.class).named("$validate-code")
				.withParameters(validate).execute();
		assertEquals("true", out.getParameterValue("result").primitiveValue(), "the value set's supplement makes the German name a valid display");
	}
}
