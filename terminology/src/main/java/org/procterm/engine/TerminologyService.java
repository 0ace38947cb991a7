package org.procterm.engine;

import java.util.List;

import org.hl7.fhir.r4.model.ValueSet;

/**
 * The terminology operations as the server's providers call them, for one request: FHIR
 * parameters in, plain results out. A {@link TerminologyContext}, built by
 * {@link TerminologyEngine#context} with the request's inline resources and supplements. Every
 * method throws {@link TerminologyException} for a request it cannot answer.
 */
public interface TerminologyService {

	boolean knowsCodeSystem(String url);

	boolean knowsValueSet(String url);

	LookupResult lookup(LookupRequest request);

	/** Valid when any of {@code codings} is a valid code of its code system (one for a Coding, several for a CodeableConcept). */
	ValidationResult validateInCodeSystem(List<CodingCheck> codings, ValidationOptions options);

	/** Valid when any of {@code codings} is in the value set. */
	ValidationResult validateInValueSet(ValueSet valueSet, List<CodingCheck> codings, ValidationOptions options);

	/** The stored value set with this URL: the version given, else the one in effect on {@code date} (null: today), or NOT_FOUND. */
	ValueSet findValueSet(String url, String version, java.time.LocalDate date);

	ValueSet expand(ValueSet valueSet, ExpansionRequest request);

	SubsumptionOutcome subsumes(String system, String version, String codeA, String codeB);

	/** The codes reported together for one encounter, each validated and each add-on code checked for one of its primary codes. */
	List<org.procterm.engine.validation.AddOnPairing.Checked> checkCodeSet(List<CodingCheck> set, ValidationOptions options);
}
