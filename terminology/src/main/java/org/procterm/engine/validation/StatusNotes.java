package org.procterm.engine.validation;

import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.ValueSet;
import org.procterm.engine.Canonical;
import org.procterm.engine.Messages;
import org.procterm.engine.codesystem.Standing;
import org.procterm.engine.TerminologyContext;
import org.procterm.engine.TxIssueType;
import org.procterm.engine.ValidationIssue;
import org.procterm.engine.ValidationResult;

/** Notes on the content a validation rested on that is not in good standing (withdrawn, deprecated, draft, experimental). */
final class StatusNotes {

	private StatusNotes() {}

	/** {@code result} with a note for its code system, then for each value set, that is not in good standing. */
	static ValidationResult added(TerminologyContext context, ValidationResult result, List<ValueSet> valueSets) {
		List<ValidationIssue> notes = new ArrayList<>();
		// told relative to the value set validated against (the first), as HL7's reference server tells it
		Standing user = valueSets.isEmpty() ? null : Standing.of(valueSets.get(0));
		if (result.system() != null && result.unknownSystem() == null) {
			context.content().codeSystem(result.system(), result.version()).filter(cs -> cs.standing().relativeTo(user) != null)
					.ifPresent(cs -> notes.add(note(cs.standing().relativeTo(user), "CodeSystem", cs.canonical())));
		}
		valueSets.stream().filter(vs -> vs.hasUrl() && Standing.of(vs).relativeTo(user) != null)
				.forEach(vs -> notes.add(note(Standing.of(vs).relativeTo(user), "ValueSet", Canonical.of(vs))));
		return notes.isEmpty() ? result : result.withNotes(notes);
	}

	private static ValidationIssue note(String standing, String type, String canonical) {
		return ValidationIssue.information(IssueType.BUSINESSRULE, TxIssueType.STATUS_CHECK, 
				byStanding(standing).say(type, canonical), null);
	}

	private static Messages byStanding(String standing) {
		return switch (standing) {
			case "withdrawn" -> Messages.REFERENCE_TO_WITHDRAWN;
			case "retired" -> Messages.REFERENCE_TO_RETIRED;
			case "experimental" -> Messages.REFERENCE_TO_EXPERIMENTAL;
			case "draft" -> Messages.REFERENCE_TO_DRAFT;
			default -> Messages.REFERENCE_TO_DEPRECATED;
		};
	}
}
