package org.procterm.engine;

/**
 * One finding of {@code $validate-code}, in the shape HL7's terminology tests expect: a FHIR issue
 * type ({@code code-invalid}, {@code invalid}, {@code not-found}, {@code business-rule}), the finer
 * tx-issue-type code ({@code invalid-code}, {@code not-in-vs}, {@code invalid-display}, ...), the text
 * and the FHIRPath of the input it is about ({@code code}, {@code Coding.display},
 * {@code CodeableConcept.coding[1].code}).
 */
public record ValidationIssue(Severity severity, String type, String txType, String text, String expression) {

	public enum Severity { ERROR, WARNING, INFORMATION }

	/** The tx-issue-type of a note that content used is withdrawn, deprecated, draft or experimental. */
	public static final String STATUS_CHECK = "status-check";

	public boolean isError() {
		return severity == Severity.ERROR;
	}
}
