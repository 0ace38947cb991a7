package org.procterm.engine;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * One finding of {@code $validate-code}, in the shape HL7's terminology tests expect: a FHIR issue
 * type ({@code code-invalid}, {@code invalid}, {@code not-found}, {@code business-rule}), the finer
 * tx-issue-type, the text and the FHIRPath of the input it is about ({@code code},
 * {@code Coding.display}, {@code CodeableConcept.coding[1].code}).
 */
public record ValidationIssue(Severity severity, IssueType type, TxIssueType txType, String text, String expression, boolean aside,
		String messageId) {

	public enum Severity { ERROR, WARNING, INFORMATION }

	public ValidationIssue(Severity severity, IssueType type, TxIssueType txType, Message message, String expression) {
		this(severity, type, txType, message.text(), expression, false, message.id());
	}

	/**
	 * This finding as an aside: told in the issues, never in the answer's one-line message (as HL7's
	 * servers tell a value set's own mark on a code, which is about the value set, not the code).
	 */
	public ValidationIssue asAside() {
		return new ValidationIssue(severity, type, txType, text, expression, true, messageId);
	}

	public static ValidationIssue error(IssueType type, TxIssueType txType, Message message, String expression) {
		return new ValidationIssue(Severity.ERROR, type, txType, message, expression);
	}

	public static ValidationIssue warning(IssueType type, TxIssueType txType, Message message, String expression) {
		return new ValidationIssue(Severity.WARNING, type, txType, message, expression);
	}

	public static ValidationIssue information(IssueType type, TxIssueType txType, Message message, String expression) {
		return new ValidationIssue(Severity.INFORMATION, type, txType, message, expression);
	}

	/** This finding told with another weight, e.g. a wrong display as a warning when the client asked for leniency. */
	public ValidationIssue withSeverity(Severity other) {
		return new ValidationIssue(other, type, txType, text, expression, aside, messageId);
	}

	/** This finding as another tx-issue-type at another weight (a coding not in the value set, told as a note). */
	public ValidationIssue as(Severity other, TxIssueType otherType) {
		return new ValidationIssue(other, type, otherType, text, expression, aside, messageId);
	}

	public boolean isError() {
		return severity == Severity.ERROR;
	}
}
