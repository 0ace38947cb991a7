package org.procterm.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.procterm.LiveServer;

/** ValueSet/$batch-validate-code: several codes checked in one request, each answered on its own. */
@ExtendWith(LiveServer.class)
class BatchValidateCodeOperationTest {

	private static final String GENDER = "http://hl7.org/fhir/administrative-gender";

	private static Parameters entry(String code) {
		Parameters p = new Parameters();
		p.addParameter().setName("coding").setValue(new Coding(GENDER, code, null));
		return p;
	}

	@Test
	void eachEntryIsAnsweredOnItsOwnAndABadOneFailsNoOther(LiveServer.Server server) {
		Parameters in = new Parameters();
		in.addParameter("url", new UriType("http://hl7.org/fhir/ValueSet/administrative-gender"));
		in.addParameter().setName("validation").setResource(entry("female"));
		Parameters misnamed = new Parameters(); // no code under any name $validate-code reads
		misnamed.addParameter().setName("codingX").setValue(new Coding(GENDER, "male", null));
		in.addParameter().setName("validation").setResource(misnamed);
		in.addParameter().setName("validation").setResource(entry("unknown-ish"));
		Parameters out = server.client().operation().onType(ValueSet.class).named("$batch-validate-code").withParameters(in).execute();

		List<Parameters.ParametersParameterComponent> answers = out.getParameters("validation");
		assertEquals(3, answers.size(), server.fhir().newJsonParser().encodeResourceToString(out));
		Parameters female = assertInstanceOf(Parameters.class, answers.get(0).getResource());
		assertTrue(((BooleanType) female.getParameterValue("result")).booleanValue());
		OperationOutcome empty = assertInstanceOf(OperationOutcome.class, answers.get(1).getResource());
		assertTrue(empty.getIssueFirstRep().getDetails().getText().startsWith("Unable to find code to validate"));
		Parameters unknown = assertInstanceOf(Parameters.class, answers.get(2).getResource());
		assertEquals(false, ((BooleanType) unknown.getParameterValue("result")).booleanValue());
	}
}
