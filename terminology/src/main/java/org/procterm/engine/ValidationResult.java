package org.procterm.engine;

import java.util.List;

/**
 * What {@code $validate-code} answers. When the code is known, {@code display} carries its correct
 * display even if the result is false (e.g. a wrong display was sent). {@code issues} say why;
 * {@code unknownSystem} names the code system (url|version) whose absence made validation impossible.
 * {@code status} is the concept's status where it says more than active or inactive (e.g. deprecated, retired).
 */
public record ValidationResult(boolean valid, String system, String version, String code, String display,
		boolean inactive, List<ValidationIssue> issues, String unknownSystem, String status) {

	public ValidationResult {
		issues = List.copyOf(issues);
	}

	public ValidationResult(boolean valid, String system, String version, String code, String display, boolean inactive,
			List<ValidationIssue> issues, String unknownSystem) {
		this(valid, system, version, code, display, inactive, issues, unknownSystem, null);
	}

	public ValidationResult(boolean valid, String system, String version, String code, String display, boolean inactive,
			List<ValidationIssue> issues) {
		this(valid, system, version, code, display, inactive, issues, null);
	}

	/**
	 * The issue texts, errors first, as the single message the operation also returns. Notes about
	 * the standing of the content used are left out: they are about the content, not the code.
	 */
	public String message() {
		List<String> texts = issues.stream().filter(i -> !ValidationIssue.STATUS_CHECK.equals(i.txType()))
				.sorted(java.util.Comparator.comparing(ValidationIssue::severity)).map(ValidationIssue::text).toList();
		return texts.isEmpty() ? null : String.join("; ", texts);
	}

	/** This result with {@code notes} after its issues; the result stands. */
	ValidationResult withNotes(List<ValidationIssue> notes) {
		List<ValidationIssue> all = new java.util.ArrayList<>(issues);
		all.addAll(notes);
		return new ValidationResult(valid, system, version, code, display, inactive, all, unknownSystem, status);
	}

	ValidationResult withIssues(List<ValidationIssue> more, boolean stillValid) {
		List<ValidationIssue> all = new java.util.ArrayList<>(more);
		all.addAll(issues);
		return new ValidationResult(stillValid, system, version, code, display, inactive, all, unknownSystem, status);
	}
}
