package org.procterm.engine.validation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.procterm.engine.CodingCheck;
import org.procterm.engine.Messages;
import org.procterm.engine.TerminologyException;
import org.procterm.engine.TxIssueType;
import org.procterm.engine.ValidationIssue;
import org.procterm.engine.ValidationResult;

/** How the results of several codings (a CodeableConcept) make one answer. */
final class ResultCombiner {

	private ResultCombiner() {}

	/**
	 * One coding: its own result. Several (a CodeableConcept): valid when any is valid, answering
	 * for that coding but keeping the issues found with the others.
	 */
	static ValidationResult combine(List<CodingCheck> codings, Function<CodingCheck, ValidationResult> check) {
		if (codings.isEmpty()) {
			throw TerminologyException.invalid(Messages.VALIDATE_NEEDS_INPUT.text());
		}
		return combined(codings.stream().map(check).toList());
	}

	private static ValidationResult combined(List<ValidationResult> results) {
		ValidationResult chosen = results.stream().filter(ValidationResult::valid).findFirst().orElse(results.get(0));
		List<ValidationIssue> others = new ArrayList<>();
		for (ValidationResult r : results) {
			if (r != chosen) {
				others.addAll(r.issues());
			}
		}
		if (others.isEmpty()) {
			return chosen;
		}
		if (chosen.valid()) {
			// the other codings' problems do not make the concept invalid; they are told as warnings
			others = others.stream().map(i -> i.withSeverity(ValidationIssue.Severity.WARNING)).toList();
		}
		return chosen.withIssues(others, chosen.valid());
	}

	/**
	 * A CodeableConcept with a coding in the value set ({@code found}, the first): it answers, and
	 * what was found with the other codings is told as HL7's reference server tells it. That a coding
	 * is not in the value set is a note on it; that its code system is not held, a warning (it cannot
	 * be judged); but a coding that is wrong in its own code system (an unknown code, a wrong display)
	 * is still an error, and makes the concept invalid: a concept must not carry a wrong code.
	 */
	private static ValidationResult withOthers(ValidationResult found, List<ValidationResult> results) {
		List<ValidationIssue> others = new ArrayList<>();
		for (ValidationResult r : results) {
			if (r == found) {
				continue;
			}
			for (ValidationIssue i : r.issues()) {
				if (i.txType() == TxIssueType.NOT_IN_VS) {
					others.add(i.as(ValidationIssue.Severity.INFORMATION, TxIssueType.THIS_CODE_NOT_IN_VS));
				} else if (i.isError() && (i.txType() == TxIssueType.NOT_FOUND || r.unknownSystem() != null)) {
					others.add(i.withSeverity(ValidationIssue.Severity.WARNING));
				} else {
					others.add(i);
				}
			}
		}
		if (others.isEmpty()) {
			return found;
		}
		others.sort(Comparator.comparing(ValidationIssue::severity));
		return found.withIssues(others, others.stream().noneMatch(ValidationIssue::isError));
	}

	/**
	 * The codings of a CodeableConcept checked against a value set. One valid coding makes the concept
	 * valid, as for {@link #combine}. When none is and codings fell outside the value set, the answer is
	 * about the concept: an error that no coding is in the value set, then each coding's own errors, and
	 * that a coding is not in the value set only as a note on that coding; no code or system is
	 * answered, since none was accepted.
	 */
	static ValidationResult combineConcept(List<CodingCheck> codings, Function<CodingCheck, ValidationResult> check, String valueSet) {
		List<ValidationResult> results = codings.stream().map(check).toList();
		boolean outsideValueSet = results.stream().flatMap(r -> r.issues().stream()).anyMatch(i -> i.txType() == TxIssueType.NOT_IN_VS);
		ValidationResult found = results.stream().filter(ValidationResult::valid).findFirst().orElse(null);
		if (found != null) {
			return withOthers(found, results);
		}
		if (!outsideValueSet) {
			return combined(results); // a coding judged wrong for other reasons (e.g. its version) answers for itself
		}
		ValidationResult member = results.stream().filter(r -> r.issues().stream().noneMatch(i -> i.txType() == TxIssueType.NOT_IN_VS))
				.findFirst().orElse(null);
		if (member != null) {
			// a coding in the value set (wrong for its own reasons, a display say) answers; that others are not in it is a note on them
			List<ValidationIssue> all = new ArrayList<>();
			for (ValidationResult r : results) {
				for (ValidationIssue i : r.issues()) {
					all.add(i.txType() == TxIssueType.NOT_IN_VS ? i.as(ValidationIssue.Severity.INFORMATION, TxIssueType.THIS_CODE_NOT_IN_VS) : i);
				}
			}
			all.sort(Comparator.comparing(ValidationIssue::severity).thenComparing(ValidationIssue::text));
			return new ValidationResult(false, member.system(), member.version(), member.code(), member.display(), member.inactive(), all,
					member.unknownSystem(), member.status(), member.normalizedCode(), member.unknownOutsideValueSet());
		}
		List<ValidationIssue> perCoding = new ArrayList<>();
		for (ValidationResult r : results) {
			for (ValidationIssue i : r.issues()) {
				perCoding.add(i.txType() == TxIssueType.NOT_IN_VS ? i.as(ValidationIssue.Severity.INFORMATION, TxIssueType.THIS_CODE_NOT_IN_VS) : i);
			}
		}
		perCoding.sort(Comparator.comparing(ValidationIssue::severity).thenComparing(ValidationIssue::text));
		List<ValidationIssue> issues = new ArrayList<>();
		issues.add(ValidationIssue.error(IssueType.CODEINVALID, TxIssueType.NOT_IN_VS, Messages.NO_VALID_CODING.say(valueSet), null));
		issues.addAll(perCoding);
		ValidationResult unknown = results.stream().filter(r -> r.unknownSystem() != null).findFirst().orElse(null);
		ValidationResult answer = ValidationResult.aboutConcept(issues, unknown == null ? null : unknown.unknownSystem());
		return unknown != null && unknown.unknownOutsideValueSet() ? answer.withUnknownOutsideValueSet() : answer;
	}
}
