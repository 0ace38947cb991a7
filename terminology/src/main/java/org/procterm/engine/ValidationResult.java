package org.procterm.engine;

import java.util.List;

/**
 * What {@code $validate-code} answers. When the code is known, {@code display} carries its correct
 * display even if the result is false (e.g. a wrong display was sent). {@code issues} say why;
 * {@code unknownSystem} names the code system (url|version) whose absence made validation impossible.
 * {@code status} is the concept's status where it says more than active or inactive (e.g. deprecated, retired).
 * {@code normalizedCode} is the code as a case-insensitive code system writes it, when the client wrote it otherwise.
 * {@code unknownOutsideValueSet}: the unknown code system is not one the value set draws on (HL7's x-unknown-system),
 * rather than one it needs (x-caused-by-unknown-system).
 */
public record ValidationResult(boolean valid, String system, String version, String code, String display,
		boolean inactive, List<ValidationIssue> issues, String unknownSystem, String status, String normalizedCode,
		boolean unknownOutsideValueSet) {

	public ValidationResult {
		issues = List.copyOf(issues);
	}

	public ValidationResult(boolean valid, String system, String version, String code, String display,
			boolean inactive, List<ValidationIssue> issues, String unknownSystem, String status) {
		this(valid, system, version, code, display, inactive, issues, unknownSystem, status, null, false);
	}

	public ValidationResult(boolean valid, String system, String version, String code, String display,
			boolean inactive, List<ValidationIssue> issues, String unknownSystem, String status, String normalizedCode) {
		this(valid, system, version, code, display, inactive, issues, unknownSystem, status, normalizedCode, false);
	}

	/** This result, its unknown code system being one the value set does not draw on. */
	public ValidationResult withUnknownOutsideValueSet() {
		return new ValidationResult(valid, system, version, code, display, inactive, issues, unknownSystem, status, normalizedCode, true);
	}

	/** The code as its code system writes it. */
	public String codeAsWritten() {
		return normalizedCode != null ? normalizedCode : code;
	}

	/** A coding that is not valid, for {@code issue}: no display, not inactive, in {@code version} when one was decided. */
	public static ValidationResult invalid(CodingCheck check, String version, ValidationIssue issue) {
		return new ValidationResult(false, check.system(), version != null ? version : check.version(), check.code(), null, false,
				List.of(issue), null, null);
	}

	/** A coding that cannot be judged because its code system ({@code unknownSystem}, url|version) is not held. */
	public static ValidationResult unknownSystem(CodingCheck check, String version, List<ValidationIssue> issues, String unknownSystem) {
		return new ValidationResult(false, check.system(), version, check.code(), null, false, issues, unknownSystem, null);
	}

	/** An answer about a whole CodeableConcept none of whose codings was accepted: no code or system is answered. */
	public static ValidationResult aboutConcept(List<ValidationIssue> issues, String unknownSystem) {
		return new ValidationResult(false, null, null, null, null, false, issues, unknownSystem, null);
	}


	/**
	 * The single message the operation also returns: the texts of the issues about the code, in
	 * alphabetical order, as HL7's reference servers join them. Left out are notes (information)
	 * other than the one about a display accepted in the default language, such as the standing of
	 * the content used, and warnings when a missing code system made the code impossible to judge,
	 * since the missing code system is then the whole answer.
	 */
	public String message() {
		List<String> texts = issues.stream().filter(this::belongsInMessage).map(ValidationIssue::text).sorted().toList();
		return texts.isEmpty() ? null : String.join("; ", texts);
	}

	private boolean belongsInMessage(ValidationIssue issue) {
		if (issue.aside()) {
			return false;
		}
		return switch (issue.severity()) {
			case ERROR -> true;
			case WARNING -> unknownSystem == null;
			case INFORMATION -> issue.txType() == TxIssueType.INVALID_DISPLAY;
		};
	}

	/** This result with {@code notes} after its issues; the result stands. */
	public ValidationResult withNotes(List<ValidationIssue> notes) {
		List<ValidationIssue> all = new java.util.ArrayList<>(issues);
		all.addAll(notes);
		return new ValidationResult(valid, system, version, code, display, inactive, all, unknownSystem, status, normalizedCode,
				unknownOutsideValueSet);
	}

	/** This result with {@code more} issues before its own, valid or not as {@code stillValid} says. */
	public ValidationResult withIssues(List<ValidationIssue> more, boolean stillValid) {
		List<ValidationIssue> all = new java.util.ArrayList<>(more);
		all.addAll(issues);
		return new ValidationResult(stillValid, system, version, code, display, inactive, all, unknownSystem, status, normalizedCode,
				unknownOutsideValueSet);
	}
}
