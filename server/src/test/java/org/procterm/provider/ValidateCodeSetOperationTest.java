package org.procterm.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.procterm.LiveServer;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;

/** CodeSystem/$validate-code-set: the codes of one encounter, and add-on codes reported with a primary code. */
@ExtendWith(LiveServer.class)
class ValidateCodeSetOperationTest {

	private static final String CPT = "http://www.ama-assn.org/go/cpt";

	private static Parameters check(LiveServer.Server server, String... codes) {
		Parameters in = new Parameters();
		in.addParameter("system", new UriType(CPT));
		for (String c : codes) {
			in.addParameter("code", new CodeType(c));
		}
		return server.client().operation().onType(CodeSystem.class).named("$validate-code-set").withParameters(in).execute();
	}

	private static String part(Parameters out, String code, String name) {
		return out.getParameters("code").stream()
				.filter(p -> p.getPart().stream().anyMatch(x -> x.getName().equals("code") && x.getValue().primitiveValue().equals(code)))
				.flatMap(p -> p.getPart().stream()).filter(x -> x.getName().equals(name)).map(x -> x.getValue().primitiveValue())
				.reduce((a, b) -> a + "," + b).orElse(null);
	}

	@Test
	void anAddOnAloneIsMissingItsPrimaryAndNamesTheAllowedOnes(LiveServer.Server server) {
		Parameters out = check(server, "63295");
		assertEquals("false", out.getParameterValue("result").primitiveValue());
		assertEquals("missing-primary", part(out, "63295", "addOn"));
		assertEquals("63185,63190", part(out, "63295", "allowedPrimary"));
		assertTrue(out.getParameterValue("message").primitiveValue().contains("63295 is reported without one of its primary codes (63185, 63190)"));
	}

	@Test
	void anAddOnWithItsPrimaryIsFine(LiveServer.Server server) {
		Parameters out = check(server, "63185", "63295");
		assertEquals("true", out.getParameterValue("result").primitiveValue());
		assertEquals("paired", part(out, "63295", "addOn"));
		assertEquals("not-add-on", part(out, "63185", "addOn"));
		assertEquals("true", check(server, "22214", "22216", "22216").getParameterValue("result").primitiveValue(), "each extra segment");
	}

	@Test
	void aCodeWithAModifierCountsAsItsCodeAndACodeTheFragmentLacksIsNamed(LiveServer.Server server) {
		Parameters in = new Parameters();
		in.addParameter("coding", new Coding(CPT, "63190", null));
		in.addParameter("coding", new Coding(CPT, "63295", null));
		in.addParameter("coding", new Coding(CPT, "99999", null));
		Parameters out = server.client().operation().onType(CodeSystem.class).named("$validate-code-set").withParameters(in).execute();
		assertEquals("paired", part(out, "63295", "addOn"));
		// the bundled sample is a fragment of CPT: a code it lacks is unconfirmed, not refused, and the answer says so
		assertEquals("true", part(out, "99999", "valid"));
		assertTrue(part(out, "99999", "message").contains("labeled as a fragment"), part(out, "99999", "message"));
	}

	@Test
	void aCodeOfAnotherSystemOrAnInvalidCodeIsNoPrimary(LiveServer.Server server) {
		Parameters in = new Parameters();
		in.addParameter("coding", new Coding("http://snomed.info/sct", "63185", null));
		in.addParameter("coding", new Coding(CPT, "63295", null));
		Parameters out = server.client().operation().onType(CodeSystem.class).named("$validate-code-set").withParameters(in).execute();
		assertEquals("missing-primary", part(out, "63295", "addOn"), "the same digits in another code system are not a CPT primary");
		assertEquals("missing-primary", part(check(server, "63185:99", "63295"), "63295", "addOn"), "an invalid expression is no primary");
	}

	@Test
	void moreThanOneEncountersCodesOrAnEmptyCodeIsAClientError(LiveServer.Server server) {
		String[] many = new String[101];
		java.util.Arrays.fill(many, "63185");
		InvalidRequestException tooMany = assertThrows(InvalidRequestException.class, () -> check(server, many));
		assertTrue(tooMany.getMessage().contains("takes at most 100 codes"), tooMany.getMessage());
		Parameters in = new Parameters();
		in.addParameter("coding", new Coding(CPT, "63185", null));
		in.addParameter("coding", new Coding().setSystem(CPT));
		InvalidRequestException empty = assertThrows(InvalidRequestException.class,
				() -> server.client().operation().onType(CodeSystem.class).named("$validate-code-set").withParameters(in).execute());
		assertTrue(empty.getMessage().contains("coding[1] has no code"), empty.getMessage());
	}

	@Test
	void anEmptySetIsAClientError(LiveServer.Server server) {
		InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> check(server));
		assertTrue(e.getMessage().contains("needs the codes reported together"), e.getMessage());
	}

	@Test
	void inACodeableConceptAnAddOnWithoutItsPrimaryIsANote(LiveServer.Server server) {
		Parameters in = new Parameters();
		in.addParameter("url", new UriType(CPT));
		in.addParameter().setName("codeableConcept").setValue(new org.hl7.fhir.r4.model.CodeableConcept()
				.addCoding(new Coding(CPT, "63295", null)).addCoding(new Coding(CPT, "22210", null)));
		Parameters out = server.client().operation().onType(CodeSystem.class).named("$validate-code").withParameters(in).execute();
		var issues = (org.hl7.fhir.r4.model.OperationOutcome) out.getParameter("issues").getResource();
		assertTrue(issues.getIssue().stream().anyMatch(i -> i.getSeverity() == org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity.INFORMATION
				&& i.getDetails().getText().contains("63295 is reported without one of its primary codes")), List.of(issues.getIssue()).toString());
	}
}
