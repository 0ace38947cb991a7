package org.procterm.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.procterm.LiveServer;

@ExtendWith(LiveServer.class)
class ValidateCodeOperationTest {

	private static final String CPT = LookupOperationTest.CPT;

	private static Parameters onCodeSystem(LiveServer.Server server, String code, String display) {
		Parameters in = new Parameters();
		in.addParameter("url", new UriType(CPT));
		in.addParameter("code", new CodeType(code));
		if (display != null) {
			in.addParameter("display", new StringType(display));
		}
		return server.client().operation().onType(CodeSystem.class).named("$validate-code").withParameters(in).useHttpGet().execute();
	}

	private static boolean result(Parameters out) {
		return ((BooleanType) out.getParameterValue("result")).booleanValue();
	}

	@Test
	void knownCodeIsValidAndReturnsItsDisplay(LiveServer.Server server) {
		Parameters out = onCodeSystem(server, "63295", null);
		assertTrue(result(out));
		assertTrue(out.getParameterValue("display").primitiveValue().startsWith("Osteoplastic reconstruction"));
	}

	@Test
	void aCodeTheBundledFragmentLacksIsUnconfirmedNotRefused(LiveServer.Server server) {
		// the bundled CPT sample is a fragment (content=fragment): a code it lacks may exist, so HL7's servers warn, not refuse
		Parameters out = onCodeSystem(server, "99999", null);
		assertTrue(result(out));
		OperationOutcome issues = (OperationOutcome) out.getParameter("issues").getResource();
		assertEquals(OperationOutcome.IssueSeverity.WARNING, issues.getIssueFirstRep().getSeverity());
		assertTrue(issues.getIssueFirstRep().getDetails().getText().startsWith("Unknown Code '99999' in the CodeSystem"));
		assertTrue(issues.getIssueFirstRep().getDetails().getText().contains("labeled as a fragment"));
	}

	@Test
	void anIssueNamesItsMessageByHl7sKeyAndPointsAtTheInputByFhirPathOnly(LiveServer.Server server) {
		OperationOutcome.OperationOutcomeIssueComponent issue = ((OperationOutcome) onCodeSystem(server, "99999", null)
				.getParameter("issues").getResource()).getIssueFirstRep();
		assertEquals("UNKNOWN_CODE_IN_FRAGMENT",
				issue.getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id").getValue().primitiveValue(),
				"clients and testers recognise the message by the key HL7's reference server gives it");
		assertEquals("code", issue.getExpression().get(0).getValue());
		assertTrue(issue.getLocation().isEmpty(), "R4 deprecates location, and HL7's reference server no longer sends it");
	}

	private static Parameters inLanguage(LiveServer.Server server, String code, String display, String displayLanguage) {
		Parameters in = new Parameters();
		in.addParameter("url", new UriType(CPT));
		in.addParameter("code", new CodeType(code));
		in.addParameter("display", new StringType(display));
		in.addParameter("displayLanguage", new CodeType(displayLanguage));
		return server.client().operation().onType(CodeSystem.class).named("$validate-code").withParameters(in).execute();
	}

	@Test
	void aDisplayIsJudgedInTheLanguageAskedFor(LiveServer.Server server) {
		Parameters spanishLookup = LookupOperationTest.codeIn(CPT, "63185");
		spanishLookup.addParameter("displayLanguage", new CodeType("es"));
		String spanish = LookupOperationTest.lookup(server, spanishLookup).getParameterValue("display").primitiveValue();
		assertTrue(result(inLanguage(server, "63185", spanish, "es")));
		Parameters askedEnglish = inLanguage(server, "63185", spanish, "en");
		assertFalse(result(askedEnglish), "the Spanish name is not an English display");
		assertTrue(askedEnglish.getParameterValue("message").primitiveValue().contains("(for the language(s) 'en')"));
	}

	@Test
	void aMalformedDisplayLanguageIs400(LiveServer.Server server) {
		ca.uhn.fhir.rest.server.exceptions.InvalidRequestException e = org.junit.jupiter.api.Assertions.assertThrows(
				ca.uhn.fhir.rest.server.exceptions.InvalidRequestException.class, () -> inLanguage(server, "63185", "x", "-"));
		assertTrue(e.getMessage().contains("Invalid displayLanguage: '-'"), e.getMessage());
	}

	@Test
	void wrongDisplayIsInvalidAndNamesTheRightOne(LiveServer.Server server) {
		Parameters out = onCodeSystem(server, "63185", "Knee replacement");
		assertFalse(result(out), "stock HAPI 8.8 says true here");
		assertTrue(out.getParameterValue("message").primitiveValue().contains("Laminectomy with rhizotomy; 1 or 2 segments"));
	}

	@Test
	void instanceLevelValidatesAgainstTheCodeSystemInThePath(LiveServer.Server server) {
		String id = server.client().search().forResource(CodeSystem.class).where(CodeSystem.URL.matches().value(CPT))
				.returnBundle(org.hl7.fhir.r4.model.Bundle.class).execute().getEntryFirstRep().getResource().getIdElement().getIdPart();
		Parameters in = new Parameters();
		in.addParameter("code", new CodeType("22210"));
		Parameters out = server.client().operation().onInstance("CodeSystem/" + id).named("$validate-code").withParameters(in)
				.useHttpGet().execute();
		assertTrue(result(out));
		assertEquals("2026", out.getParameterValue("version").primitiveValue());
	}

	@Test
	void valueSetMembershipTrueAndFalse(LiveServer.Server server) {
		Parameters in = new Parameters();
		in.addParameter("url", new UriType(ExpandOperationTest.SPINE));
		in.addParameter("system", new UriType(CPT));
		in.addParameter("code", new CodeType("22210"));
		Parameters yes = server.client().operation().onType(ValueSet.class).named("$validate-code").withParameters(in).useHttpGet().execute();
		assertTrue(result(yes));

		Parameters other = new Parameters();
		other.addParameter("url", new UriType(ExpandOperationTest.SPINE));
		other.addParameter().setName("coding").setValue(new Coding("http://loinc.org", "1234-5", null));
		Parameters no = server.client().operation().onType(ValueSet.class).named("$validate-code").withParameters(other).execute();
		assertFalse(result(no));
		assertTrue(no.getParameterValue("message").primitiveValue().contains("was not found in the value set"));
	}

	@Test
	void inferSystemJudgesACodeSentWithoutItsSystem(LiveServer.Server server) {
		Parameters in = new Parameters();
		in.addParameter("url", new UriType(ExpandOperationTest.SPINE));
		in.addParameter("code", new CodeType("22210"));
		assertFalse(result(server.client().operation().onType(ValueSet.class).named("$validate-code").withParameters(in).useHttpGet().execute()),
				"without inferSystem a code needs its system");

		in.addParameter("inferSystem", new org.hl7.fhir.r4.model.BooleanType(true));
		Parameters out = server.client().operation().onType(ValueSet.class).named("$validate-code").withParameters(in).useHttpGet().execute();
		assertTrue(result(out));
		assertEquals(CPT, out.getParameterValue("system").primitiveValue());
	}

	@Test
	void aConceptWithNoCodingInTheValueSetIsAnsweredAsAConcept(LiveServer.Server server) {
		CodeableConcept cc = new CodeableConcept().addCoding(new Coding(CPT, "00000", null));
		Parameters in = new Parameters();
		in.addParameter("url", new UriType(ExpandOperationTest.SPINE));
		in.addParameter().setName("codeableConcept").setValue(cc);
		Parameters out = server.client().operation().onType(ValueSet.class).named("$validate-code").withParameters(in).execute();
		assertFalse(result(out));
		assertTrue(out.getParameterValue("message").primitiveValue().contains("No valid coding was found for the value set"),
				out.getParameterValue("message").primitiveValue());
		assertFalse(out.getParameter().stream().anyMatch(p -> p.getName().equals("code")), "no coding was accepted, so none is answered");
	}

	@Test
	void codeableConceptIsValidWhenOneCodingIs(LiveServer.Server server) {
		CodeableConcept cc = new CodeableConcept().addCoding(new Coding(CPT, "00000", null)).addCoding(new Coding(CPT, "63185", null));
		Parameters in = new Parameters();
		in.addParameter("url", new UriType(ExpandOperationTest.SPINE));
		in.addParameter().setName("codeableConcept").setValue(cc);
		Parameters out = server.client().operation().onType(ValueSet.class).named("$validate-code").withParameters(in).execute();
		assertTrue(result(out));
		assertEquals("63185", out.getParameterValue("code").primitiveValue());
	}

	@Test
	void abstractFalseRejectsAGroupingCodeThatIsOtherwiseValid(LiveServer.Server server) {
		assertTrue(result(onCodeSystem(server, "metadata-kinds", null)), "abstract codes are valid unless the client says otherwise");
		Parameters in = new Parameters();
		in.addParameter("url", new UriType(CPT));
		in.addParameter("code", new CodeType("metadata-kinds"));
		in.addParameter("abstract", new BooleanType(false));
		Parameters out = server.client().operation().onType(CodeSystem.class).named("$validate-code").withParameters(in).execute();
		assertFalse(result(out));
		assertTrue(out.getParameterValue("message").primitiveValue().contains("is abstract"), out.getParameterValue("message").primitiveValue());
	}

	private static CodeSystem release(String version, String display) {
		CodeSystem cs = new CodeSystem();
		cs.setUrl("http://example.org/releases");
		cs.setVersion(version);
		cs.setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE);
		cs.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
		cs.addConcept().setCode("x").setDisplay(display);
		return cs;
	}

	/** $validate-code of a coding against a value set pinned to release 1, with releases 1 and 2 sent inline. */
	private static Parameters againstRelease1(LiveServer.Server server, String codingVersion) {
		ValueSet pinned = new ValueSet();
		pinned.setUrl("http://example.org/vs/release-1");
		pinned.getCompose().addInclude().setSystem("http://example.org/releases").setVersion("1");
		Parameters in = new Parameters();
		in.addParameter().setName("valueSet").setResource(pinned);
		in.addParameter().setName("coding").setValue(new Coding("http://example.org/releases", "x", null).setVersion(codingVersion));
		in.addParameter().setName("tx-resource").setResource(release("1", "Worded in release 1"));
		in.addParameter().setName("tx-resource").setResource(release("2", "Worded in release 2"));
		return server.client().operation().onType(ValueSet.class).named("$validate-code").withParameters(in).execute();
	}

	@Test
	void aCodingIsJudgedInTheReleaseItsValueSetNames(LiveServer.Server server) {
		Parameters unversioned = againstRelease1(server, null);
		assertTrue(result(unversioned));
		assertEquals("1", unversioned.getParameterValue("version").primitiveValue());
		assertEquals("Worded in release 1", unversioned.getParameterValue("display").primitiveValue(), "not the latest release's wording");

		Parameters other = againstRelease1(server, "2");
		assertFalse(result(other));
		assertEquals("The code system 'http://example.org/releases' version '1' in the ValueSet include is different to the one in the value ('2')",
				other.getParameterValue("message").primitiveValue());
	}
}
