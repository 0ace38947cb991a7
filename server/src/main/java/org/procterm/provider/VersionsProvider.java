package org.procterm.provider;

import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Parameters;

import ca.uhn.fhir.rest.annotation.Operation;

/**
 * {@code [base]/$versions}: the FHIR versions this endpoint speaks (R4 only, so also the default),
 * which terminology clients such as HL7's validator ask before anything else.
 */
public class VersionsProvider {

	/** FHIR R4, as $versions names it (major.minor). */
	static final String R4 = "4.0";

	@Operation(name = "$versions", idempotent = true)
	public Parameters versions() {
		Parameters out = new Parameters();
		out.addParameter("version", new CodeType(R4));
		out.addParameter("default", new CodeType(R4));
		return out;
	}
}
