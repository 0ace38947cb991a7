package org.procterm.engine;

import java.util.List;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * The terminology operations as the server's providers call them: FHIR parameters in, plain
 * results out. Every method throws {@link TerminologyException} for a request it cannot answer.
 */
public interface TerminologyService {

	/** This service plus resources supplied inline with one request ({@code tx-resource}), which are never stored. */
	TerminologyService withResources(List<CodeSystem> codeSystems, List<ValueSet> valueSets);

	/**
	 * This service with code system supplements ({@code url} or {@code url|version} each) merged into
	 * the code systems they are for, for one request. NOT_FOUND for one it does not hold.
	 */
	TerminologyService withSupplements(List<String> supplements);

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
}
