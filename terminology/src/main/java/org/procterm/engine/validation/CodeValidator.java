package org.procterm.engine.validation;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.procterm.engine.Canonical;
import org.procterm.engine.CodingCheck;
import org.procterm.engine.Messages;
import org.procterm.engine.TerminologyContext;
import org.procterm.engine.TerminologyException;
import org.procterm.engine.TxIssueType;
import org.procterm.engine.ValidationIssue;
import org.procterm.engine.ValidationOptions;
import org.procterm.engine.ValidationResult;
import org.procterm.engine.VersionRules;
import org.procterm.engine.codesystem.CodeSystemIndex;
import org.procterm.engine.codesystem.Concept;
import org.procterm.engine.codesystem.CptExpression;
import org.procterm.engine.codesystem.ModifierRules;

/**
 * {@code CodeSystem/$validate-code}, and the judgement of one coding in its code system that
 * value set validation builds on: the code exists in the version asked for, is selectable where
 * abstract codes are refused, its display is right for the language, and its status is told.
 */
public final class CodeValidator {

	/** The statuses HL7 names in its inactive message and returns as the concept's status. */
	private static final Set<String> REPORTED_STATUSES = Set.of("deprecated", "retired", "withdrawn");

	/** CPT's rules for modifiers, read once: they are the same for every request. */

	private final TerminologyContext context;

	public CodeValidator(TerminologyContext context) {
		this.context = context;
	}

	/** The codings of a code or Coding (one) or a CodeableConcept (several), each in its own code system. */
	public ValidationResult validate(List<CodingCheck> codings, ValidationOptions options) {
		if (codings.size() < 2) {
			return StatusNotes.added(context, ResultCombiner.combine(codings, check -> validateOne(check, options)), List.of());
		}
		// each coding is validated once: the results serve both the combined answer and the add-on check
		List<ValidationResult> each = codings.stream().map(check -> validateOne(check, options)).toList();
		Map<CodingCheck, ValidationResult> byCoding = new IdentityHashMap<>();
		for (int i = 0; i < codings.size(); i++) {
			byCoding.put(codings.get(i), each.get(i));
		}
		ValidationResult result = StatusNotes.added(context, ResultCombiner.combine(codings, byCoding::get), List.of());
		return addOnNotes(result, new AddOnPairing(context).pair(codings, each));
	}

	/** In a CodeableConcept of several codes, a note for each add-on code without one of its primaries, or whose primaries are unknown. */
	private static ValidationResult addOnNotes(ValidationResult result, List<AddOnPairing.Checked> paired) {
		List<ValidationIssue> notes = new ArrayList<>();
		for (AddOnPairing.Checked c : paired) {
			if (c.pairing() == AddOnPairing.Pairing.MISSING_PRIMARY) {
				notes.add(ValidationIssue.information(IssueType.BUSINESSRULE, TxIssueType.CODE_RULE,
						Messages.ADD_ON_MISSING_PRIMARY.say(c.coding().code(), String.join(", ", c.allowedPrimaries())), c.coding().expression("code")));
			} else if (c.pairing() == AddOnPairing.Pairing.CANNOT_CHECK) {
				notes.add(ValidationIssue.information(IssueType.BUSINESSRULE, TxIssueType.CODE_RULE,
						Messages.ADD_ON_CANNOT_CHECK.say(c.coding().code()), c.coding().expression("code")));
			}
		}
		return notes.isEmpty() ? result : result.withNotes(notes);
	}

	/**
	 * A CPT expression ({@code 63185:59}): valid when its parts and their pairing are (see
	 * {@link ModifierRules}), and then judged as its code is (display, status, abstract), answering
	 * for the expression.
	 */
	private ValidationResult expression(CodingCheck check, CodeSystemIndex cs, CptExpression expression, ValidationOptions options) {
		List<String> problems = ModifierRules.STANDARD.problems(cs, expression);
		if (!problems.isEmpty()) {
			return ValidationResult.invalid(check, cs.version(), ValidationIssue.error(IssueType.CODEINVALID, TxIssueType.INVALID_CODE,
					Messages.EXPRESSION_INVALID.say(CptExpression.quoted(check.code()), String.join("; ", problems)), check.expression("code")));
		}
		ValidationResult base = validateOne(new CodingCheck(check.system(), check.version(), expression.base(), check.display(), check.path()), options);
		return new ValidationResult(base.valid(), base.system(), base.version(), check.code(), base.display(), base.inactive(), base.issues(),
				base.unknownSystem(), base.status());
	}

	/** One coding in its code system. */
	public ValidationResult validateOne(CodingCheck check, ValidationOptions options) {
		VersionRules versions = options.versions();
		if (check.code() == null || check.code().isBlank()) {
			throw TerminologyException.invalid(Messages.VALIDATE_NEEDS_CODE.text());
		}
		if (check.system() == null) {
			return ValidationResult.invalid(check, null, ValidationIssue.error(IssueType.INVALID, TxIssueType.INVALID_DATA,
					Messages.CODING_HAS_NO_SYSTEM.say(), check.expression("system")));
		}
		String version = versions.choose(check.system(), check.version());
		Optional<CodeSystemIndex> found = context.content().codeSystem(check.system(), version, versions.date());
		if (found.isEmpty()) {
			if (context.content().valueSet(check.system(), null).isPresent()) { // a value set's URL sent as the system
				return ValidationResult.invalid(check, null, ValidationIssue.error(IssueType.INVALID, TxIssueType.INVALID_DATA,
						Messages.SYSTEM_IS_A_VALUE_SET.say(check.system()), check.expression("system")));
			}
			List<ValidationIssue> issues = new ArrayList<>();
			if (!check.system().contains(":")) { // no scheme: a local reference, which names nothing outside the message it sat in
				issues.add(ValidationIssue.error(IssueType.INVALID, TxIssueType.INVALID_DATA, Messages.SYSTEM_IS_RELATIVE.say(),
						check.expression("system")));
			}
			issues.add(ValidationIssue.error(IssueType.NOTFOUND, TxIssueType.NOT_FOUND,
					context.cannotBeValidated(check.system(), version, versions.date()), check.expression("system")));
			return ValidationResult.unknownSystem(check, check.version(), issues, new Canonical(check.system(), version).toString());
		}
		CodeSystemIndex cs = found.get();
		if (cs.isSupplement()) {
			return ValidationResult.unknownSystem(check, check.version(), List.of(ValidationIssue.error(IssueType.INVALID, TxIssueType.INVALID_DATA,
					Messages.SUPPLEMENT_AS_SYSTEM.say(cs.canonical(), check.expression("system")), check.expression("system"))), check.system());
		}
		org.procterm.engine.Message rejected = versions.checkFailure(cs.url(), cs.version());
		if (rejected != null) {
			// the version is refused, but the code is still told by its display in it, as HL7's servers answer
			String known = cs.find(check.code()).map(c -> DisplayCheck.displayFor(cs, c, options.displayLanguage())).orElse(null);
			return new ValidationResult(false, check.system(), cs.version(), check.code(), known, false, List.of(ValidationIssue.error(
					IssueType.EXCEPTION, TxIssueType.VERSION_ERROR, rejected, check.expression("version"))), null, null);
		}
		Optional<CptExpression> expression = CptExpression.parse(cs.url(), check.code());
		if (expression.isPresent()) {
			return expression(check, cs, expression.get(), options);
		}
		Optional<Concept> concept = cs.find(check.code());
		if (concept.isEmpty() && cs.isFragment()) {
			// a fragment lists only some codes: one it lacks cannot be called wrong, only unconfirmed (as HL7's servers answer)
			return new ValidationResult(true, cs.url(), cs.version(), check.code(), null, false, List.of(ValidationIssue.warning(IssueType.CODEINVALID,
					TxIssueType.INVALID_CODE, Messages.UNKNOWN_CODE_IN_FRAGMENT.say(check.code(), cs.url(), cs.version()), check.expression("code"))
					.asAside()), // unconfirmed, not wrong: not the answer's message
					null, null);
		}
		if (concept.isEmpty()) {
			return ValidationResult.invalid(check, cs.version(), ValidationIssue.error(IssueType.CODEINVALID, TxIssueType.INVALID_CODE,
					cs.version() == null ? Messages.UNKNOWN_CODE.say(check.code(), cs.url())
							: Messages.UNKNOWN_CODE_IN_VERSION.say(check.code(), cs.url(), cs.version()),
					check.expression("code")));
		}
		Concept c = concept.get();
		String display = DisplayCheck.displayFor(cs, c, options.displayLanguage());
		List<ValidationIssue> issues = new ArrayList<>();
		boolean valid = true;
		if (c.notSelectable() && !options.abstractAllowed()) {
			valid = false;
			issues.add(ValidationIssue.error(IssueType.BUSINESSRULE, TxIssueType.CODE_RULE, Messages.ABSTRACT_CODE.say(cs.url(), c.code()),
					check.expression("code")));
		}
		ValidationIssue displayIssue = check.display() == null ? null
				: DisplayCheck.judge(cs, c, check.display(), options.displayLanguage(), check.expression("display"));
		if (displayIssue != null && displayIssue.isError() && (options.lenientDisplay() || cs.isWithheld())) {
			// the client asked for wrong displays to be reported, not to make the code invalid; or the display
			// may be a licensed text this client is not shown, which it must neither be told nor failed for
			displayIssue = displayIssue.withSeverity(ValidationIssue.Severity.WARNING);
		}
		if (displayIssue != null) {
			valid &= !displayIssue.isError();
			issues.add(displayIssue);
		}
		String status = c.propertiesNamed("status").stream().map(p -> p.value() == null ? null : p.value().primitiveValue())
				.filter(java.util.Objects::nonNull).findFirst().orElse(null);
		if (c.inactive()) {
			// HL7 words it "a status of retired and inactive" when the concept's status says more than inactive
			String stated = status != null && REPORTED_STATUSES.contains(status) ? status + " and " : "";
			issues.add(ValidationIssue.warning(IssueType.BUSINESSRULE, TxIssueType.CODE_COMMENT, Messages.CONCEPT_INACTIVE.say(c.code(), stated),
					check.codingExpression()));
		} else if ("deprecated".equals(status)) {
			issues.add(ValidationIssue.warning(IssueType.BUSINESSRULE, TxIssueType.CODE_COMMENT, Messages.CONCEPT_DEPRECATED.say(c.code()),
					check.expression("code")));
		}
		boolean otherCase = !c.code().equals(check.code()); // found by a case-insensitive code system
		if (otherCase) {
			issues.add(ValidationIssue.information(IssueType.BUSINESSRULE, TxIssueType.CODE_RULE,
					Messages.CODE_CASE_DIFFERENCE.say(check.code(), c.code(), cs.canonical()), check.expression("code")));
		}
		if (cs.isWithheld()) { // the display was checked against the names this client may see, and it is told why
			issues.add(ValidationIssue.information(IssueType.INFORMATIONAL, TxIssueType.CODE_COMMENT,
					Messages.WITHHELD_NOTICE.say(cs.canonical()), check.codingExpression()));
		}
		return new ValidationResult(valid, cs.url(), cs.version(), otherCase ? check.code() : c.code(), display, c.inactive(), issues, null,
				status != null && REPORTED_STATUSES.contains(status) ? status : null, otherCase ? c.code() : null);
	}
}
