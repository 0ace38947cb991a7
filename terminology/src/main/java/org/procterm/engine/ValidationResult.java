package org.procterm.engine;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@code $validate-code} answers. When the code is known, {@code display} carries its correct
 * display even if the result is false (e.g. a wrong display was sent). {@code issues} say why;
 * {@code unknownSystem} names the code system (url|version) whose absence made validation impossible.
 */
public record ValidationResult(boolean valid, String system, String version, String code, String display,
		boolean inactive, List<ValidationIssue> issues, String unknownSystem) {

	public ValidationResult {
		issues = List.copyOf(issues);
	}

	public ValidationResult(boolean valid, String system, String version, String code, String display, boolean inactive,
			List<ValidationIssue> issues) {
		this(valid, system, version, code, display, inactive, issues, null);
	}

	/** All issue texts, errors first, as the single message the operation also returns. */
	public String message() {
		if (issues.isEmpty()) {
			return null;
		}
		return issues.stream().sorted(java.util.Comparator.comparing(ValidationIssue::severity))
				.map(ValidationIssue::text).collect(Collectors.joining("; "));
	}

	ValidationResult withIssues(List<ValidationIssue> more, boolean stillValid) {
		List<ValidationIssue> all = new java.util.ArrayList<>(more);
		all.addAll(issues);
		return new ValidationResult(stillValid, system, version, code, display, inactive, all, unknownSystem);
	}
}
