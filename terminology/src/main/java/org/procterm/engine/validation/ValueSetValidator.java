package org.procterm.engine.validation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.ValueSet;
import org.procterm.engine.Canonical;
import org.procterm.engine.CodingCheck;
import org.procterm.engine.Message;
import org.procterm.engine.Messages;
import org.procterm.engine.UnknownValueSetException;
import org.procterm.engine.TerminologyContext;
import org.procterm.engine.TerminologyException;
import org.procterm.engine.TxIssueType;
import org.procterm.engine.UnknownCodeSystemException;
import org.procterm.engine.ValidationIssue;
import org.procterm.engine.ValidationOptions;
import org.procterm.engine.ValidationResult;
import org.procterm.engine.VersionRules;
import org.procterm.engine.codesystem.CptExpression;
import org.procterm.engine.valueset.ExpandOperation;
import org.procterm.engine.valueset.Expansion;
import org.procterm.engine.valueset.ExpansionEntry;

/**
 * {@code ValueSet/$validate-code}: each coding judged in its code system ({@link CodeValidator}),
 * in the version the value set draws on, then checked to be a member; a CodeableConcept answered
 * as a concept. The value set's own rules (inactive codes, display language) and the request's
 * (activeOnly, inferSystem, version parameters) apply.
 */
public final class ValueSetValidator {

	private final TerminologyContext context;
	private final CodeValidator codes;

	/** @param context the request's context, with the value set's supplements already merged in */
	public ValueSetValidator(TerminologyContext context) {
		this.context = context;
		this.codes = new CodeValidator(context);
	}

	public ValidationResult validate(ValueSet valueSet, List<CodingCheck> codings, ValidationOptions options) {
		Expansion members;
		try {
			// checks are applied to the version each coding is judged in (CodeValidator), not to the value set's latest
			members = ExpandOperation.fullExpansion(context, valueSet, options.versions().checkedLater());
		} catch (TerminologyException e) {
			// (a system held in other versions but none in effect on the date asked is left to the general answer below)
			if (e instanceof UnknownCodeSystemException missing && !codings.isEmpty()
					&& (missing.version() != null || context.content().codeSystemVersions(missing.system()).isEmpty())) {
				// the value set names a code system (version) not held: each coding is still judged, and the answer says what is missing
				return ResultCombiner.combine(codings, check -> withoutCodeSystem(check, missing, options, valueSet));
			}
			boolean versionRejected = e.problem() == TerminologyException.Problem.VERSION_REJECTED;
			if (e.problem() != TerminologyException.Problem.NOT_FOUND && !versionRejected || codings.isEmpty()) {
				throw e;
			}
			// the value set cannot be worked out (e.g. an import is missing): the code is not shown to be in it
			// a CodeableConcept's answer names a code only when one was judged in the value set (HL7's answer)
			CodingCheck first = codings.get(0).inConcept() ? new CodingCheck(null, null, null, null, codings.get(0).path()) : codings.get(0);
			ValidationIssue issue = versionRejected
					? ValidationIssue.error(IssueType.EXCEPTION, TxIssueType.VERSION_ERROR, e.message(), first.expression("version"))
					: ValidationIssue.error(IssueType.NOTFOUND, TxIssueType.NOT_FOUND, e instanceof UnknownValueSetException unknown
							? Messages.VALUE_SET_NOT_FOUND.say(unknown.canonical(), "") : e.message(), null);
			return ValidationResult.invalid(first, null, issue);
		}
		String vs = named(valueSet);
		Includes includes = new Includes(takesExpressions(valueSet), valueSet.getCompose().getInclude().stream()
				.filter(i -> i.hasSystem() && wholeSystem(i)).map(ValueSet.ConceptSetComponent::getSystem).collect(java.util.stream.Collectors.toSet()));
		// inactive codes are left out by the request (activeOnly) or by the value set itself (compose.inactive=false)
		// displays are judged in the language the value set is shown in, unless the client names one
		ValidationOptions rules = options.inValueSet(
				options.activeOnly() || valueSet.getCompose().hasInactive() && !valueSet.getCompose().getInactive(), options.inferSystem())
				.inLanguage(options.displayLanguage() != null ? options.displayLanguage() : ExpandOperation.statedDisplayLanguage(valueSet));
		Function<CodingCheck, ValidationResult> judge = asked -> {
			CodingCheck check = asked;
			if (rules.inferSystem() && asked.system() == null && asked.code() != null) {
				List<String> systems = systemsHolding(members, asked.code());
				if (systems.size() != 1) {
					return notInferred(asked, systems, vs);
				}
				check = new CodingCheck(systems.get(0), asked.version(), asked.code(), asked.display(), asked.path());
			}
			ValidationResult judged = judgedByValueSetVersion(members, valueSet, check, rules, includes);
			if (judged != null) {
				return judged;
			}
			if (check.system() == null && check.path() != null && !check.path().isEmpty()) {
				// a coding without a system has no meaning: not in the value set, and the missing system is a warning (HL7's answer)
				return new ValidationResult(false, null, null, check.code(), null, false, List.of(
						ValidationIssue.error(IssueType.CODEINVALID, TxIssueType.NOT_IN_VS, Messages.NOT_IN_VALUE_SET.say("", check.code(), vs),
								check.expression("code")),
						ValidationIssue.warning(IssueType.INVALID, TxIssueType.INVALID_DATA, Messages.CODING_HAS_NO_SYSTEM.say(),
								check.codingExpression())), null, null);
			}
			return check.system() == null ? codes.validateOne(check, rules) : membership(members, vs, check, rules, includes);
		};
		ValidationResult result = !codings.isEmpty() && codings.get(0).inConcept()
				? ResultCombiner.combineConcept(codings, judge, vs) : ResultCombiner.combine(codings, judge);
		if (options.membershipOnly()) {
			result = membershipOnly(result);
		}
		List<ValueSet> valueSets = new ArrayList<>(List.of(valueSet));
		valueSets.addAll(members.imports());
		return StatusNotes.added(context, result, valueSets);
	}

	/**
	 * The version parameter that decided which version of {@code system} an include used, as the client
	 * wrote it (it may be a pattern): {@code force-system-version} always, {@code system-version} or else
	 * {@code check-system-version} where the include stated no version. Null when the include decided.
	 */
	private static String versionParameterFor(VersionRules versions, String system, String statedByInclude) {
		if (versions.forced().containsKey(system)) {
			return versions.forced().get(system);
		}
		if (statedByInclude != null) {
			return null;
		}
		return versions.defaults().containsKey(system) ? versions.defaults().get(system) : versions.checks().get(system);
	}

	/**
	 * A coding checked against a value set whose include names a code system, or a version of one,
	 * that is not held. When that is the coding's own system, the coding is judged in the version it
	 * states (else the newest held), and the answer is false: an error for what is missing, and one
	 * for a coding that states another version than the include. Otherwise the value set is the problem.
	 */
	private ValidationResult withoutCodeSystem(CodingCheck check, UnknownCodeSystemException missing, ValidationOptions options,
			ValueSet valueSet) {
		String valueSetName = named(valueSet);
		String unknown = new Canonical(missing.system(), missing.version()).toString();
		if (check.system() != null && !missing.system().equals(check.system()) && context.content().codeSystemVersions(check.system()).isEmpty()
				&& context.content().valueSet(check.system(), null).isEmpty()) {
			// the coding's own code system is not held either: that is what makes it unjudgeable, and it is not in the value set
			ValidationResult unjudged = ValidationResult.unknownSystem(check, check.version(), List.of(notInValueSet(check, valueSetName),
					ValidationIssue.error(IssueType.NOTFOUND, TxIssueType.NOT_FOUND, context.cannotBeValidated(check.system(), check.version(), null),
							check.expression("system"))), new Canonical(check.system(), check.version()).toString());
			// a system no include names is not one the value set needs (x-unknown-system rather than x-caused-by-unknown-system)
			boolean drawnOn = valueSet.getCompose().getInclude().stream().anyMatch(i -> check.system().equals(i.getSystem()));
			return drawnOn ? unjudged : unjudged.withUnknownOutsideValueSet();
		}
		if (!missing.system().equals(check.system())) {
			return ValidationResult.unknownSystem(check, check.version(), List.of(ValidationIssue.error(IssueType.NOTFOUND, TxIssueType.NOT_FOUND,
					missing.message(), null)), unknown);
		}
		List<ValidationIssue> issues = new ArrayList<>();
		if (check.version() != null && missing.version() != null && !check.version().equals(missing.version())) {
			issues.add(ValidationIssue.error(IssueType.INVALID, TxIssueType.VS_INVALID, Messages.VERSION_MISMATCH.say(check.system(),
					missing.version(), check.version()), check.expression("version")));
		}
		issues.add(ValidationIssue.error(IssueType.NOTFOUND, TxIssueType.NOT_FOUND, context.cannotBeValidated(missing.system(), missing.version(), null),
				check.expression("system")));
		ValidationResult inSystem = codes.validateOne(check, options);
		// a CodeableConcept's answer names a code only when one was judged in the value set; none could be here (HL7's answer)
		boolean named = !check.inConcept();
		return new ValidationResult(false, named ? check.system() : null, inSystem.version() != null ? inSystem.version() : check.version(),
				named ? check.code() : null,
				inSystem.display(), inSystem.inactive(), issues, unknown, null);
	}

	/**
	 * Whether a value set holds CPT expressions: an include of all of CPT (as HL7's cpt-all has it), or
	 * of CPT filtered on {@code modified = true} (as cpt-usable has it). Expressions are not enumerated,
	 * so they are members by this rule.
	 */
	/**
	 * What a value set's includes say about membership beyond its expansion: whether CPT expressions
	 * are members, and the code systems it includes whole (a code a fragment of one lacks may be a member).
	 */
	private record Includes(boolean takesExpressions, java.util.Set<String> wholeSystems) {}

	/** The answer to "is it in the value set?" alone: what is wrong with a code or its display in its code system is left out. */
	private static ValidationResult membershipOnly(ValidationResult result) {
		List<ValidationIssue> kept = result.issues().stream()
				.filter(i -> i.txType() != TxIssueType.INVALID_CODE && i.txType() != TxIssueType.INVALID_DISPLAY).toList();
		boolean valid = result.valid() || kept.stream().noneMatch(ValidationIssue::isError);
		return new ValidationResult(valid, result.system(), result.version(), result.code(), result.display(), result.inactive(), kept,
				result.unknownSystem(), result.status(), result.normalizedCode(), result.unknownOutsideValueSet());
	}

	/** How messages name a value set: url|version, or HL7's "(unidentified)" for one without a url (a contained one, say). */
	private static String named(ValueSet valueSet) {
		return valueSet.hasUrl() ? Canonical.of(valueSet) : "(unidentified)";
	}

	private static boolean takesExpressions(ValueSet valueSet) {
		return valueSet.getCompose().getInclude().stream().anyMatch(i -> CptExpression.SYSTEM.equals(i.getSystem())
				&& (wholeSystem(i) || i.getFilter().stream().anyMatch(f -> "modified".equals(f.getProperty())
						&& f.getOp() == ValueSet.FilterOperator.EQUAL && "true".equals(f.getValue()))));
	}

	private static boolean wholeSystem(ValueSet.ConceptSetComponent include) {
		return !include.hasConcept() && !include.hasFilter() && !include.hasValueSet();
	}

	/** The code systems a value set holds {@code code} from ({@code inferSystem}): one lookup per code system it draws on. */
	private static List<String> systemsHolding(Expansion members, String code) {
		return members.sources().stream().map(Expansion.Source::system).distinct().filter(system -> !members.find(system, code).isEmpty()).toList();
	}

	/** A code sent without a system whose system cannot be inferred: in no code system of the value set, or in several. */
	private static ValidationResult notInferred(CodingCheck check, List<String> systemsHolding, String valueSet) {
		boolean inNone = systemsHolding.isEmpty();
		List<ValidationIssue> issues = new ArrayList<>();
		// not shown to be in the value set either way: no system, or several that cannot be told apart
		issues.add(ValidationIssue.error(IssueType.CODEINVALID, TxIssueType.NOT_IN_VS, Messages.NOT_IN_VALUE_SET_NO_SYSTEM.say(check.code(), valueSet),
				check.expression("code")));
		issues.add(ValidationIssue.error(IssueType.NOTFOUND, TxIssueType.CANNOT_INFER, inNone ? Messages.CANNOT_INFER_SYSTEM.say(check.code(), valueSet)
				: Messages.CANNOT_INFER_SYSTEM_SEVERAL.say(check.code(), valueSet, "[" + String.join(", ", systemsHolding) + "]"), check.expression("code")));
		return ValidationResult.unknownSystem(new CodingCheck(null, null, check.code(), check.display(), check.path()), null, issues, null);
	}

	/** HL7's description of the code asked about: system, the version the client sent, code, and the display sent with it. */
	private static ValidationIssue notInValueSet(CodingCheck check, String valueSet) {
		return ValidationIssue.error(IssueType.CODEINVALID, TxIssueType.NOT_IN_VS, Messages.NOT_IN_VALUE_SET.say(
				check.system() + (check.sentVersion() != null ? "|" + check.sentVersion() : ""),
				check.code() + (check.display() != null ? " ('" + check.display() + "')" : ""), valueSet),
				check.expression("code"));
	}

	/**
	 * A coding judged by the code system version its value set draws on, or null when the coding's
	 * own version is the one to judge by. With no version, a coding is read in the value set's
	 * version. With another version than a value set that states one (or one this server does not
	 * hold), the coding is judged in the value set's version, and the difference is an issue: an
	 * error when the value set states its version, a warning when it takes the latest.
	 */
	private ValidationResult judgedByValueSetVersion(Expansion members, ValueSet definition, CodingCheck check, ValidationOptions options,
			Includes includes) {
		String valueSet = named(definition);
		if (check.system() == null || check.code() == null) {
			return null;
		}
		List<Expansion.Source> drawn = members.sources().stream().filter(s -> s.system().equals(check.system())).toList();
		List<ExpansionEntry> listed = members.find(check.system(), check.code());
		if (drawn.isEmpty() || check.version() != null && (drawn.stream().anyMatch(s -> VersionRules.matches(check.version(), s.version()))
				|| listed.stream().anyMatch(e -> VersionRules.isPattern(e.statedVersion()) && VersionRules.matches(e.statedVersion(), check.version())))) {
			return null; // the coding's version is one the value set takes (exactly, or by a pattern such as 1.x)
		}
		// of several versions the value set draws on, those holding this code, newest first
		List<Expansion.Source> holding = drawn.stream().filter(s -> listed.stream().anyMatch(e -> Objects.equals(e.version(), s.version())))
				.sorted(Comparator.comparing(Expansion.Source::version, Comparator.nullsFirst(org.procterm.engine.VersionOrder.INSTANCE)).reversed())
				.toList();
		// held in none: the newest version drawn on says why
		Expansion.Source source = holding.isEmpty() ? drawn.stream()
				.max(Comparator.comparing(Expansion.Source::version, Comparator.nullsFirst(org.procterm.engine.VersionOrder.INSTANCE))).orElseThrow()
				: holding.get(0);
		if (check.version() == null) {
			// a coding that names no version is right if it is right in any version the value set holds it in (the
			// newest such answers); when it is right in none, the newest version's answer says why
			ValidationResult newest = membership(members, valueSet, check.withVersion(source.version()), options, includes);
			for (int i = 1; i < holding.size() && !newest.valid(); i++) {
				ValidationResult older = membership(members, valueSet, check.withVersion(holding.get(i).version()), options, includes);
				if (older.valid()) {
					return older;
				}
			}
			return newest;
		}
		boolean pinned = members.pinned(source);
		boolean held = context.content().codeSystem(check.system(), check.version()).filter(cs -> VersionRules.matches(check.version(), cs.version())).isPresent();
		if (!pinned && held) {
			return null; // the value set takes whichever version; the coding's own is a fine one
		}
		List<ValidationIssue> issues = new ArrayList<>();
		String stated = definition.getCompose().getInclude().stream().filter(i -> check.system().equals(i.getSystem()) && i.hasVersion())
				.map(ValueSet.ConceptSetComponent::getVersion).findFirst().orElse(null);
		String byParameter = versionParameterFor(options.versions(), check.system(), stated);
		Message differs = byParameter != null
				? Messages.VERSION_MISMATCH_CHANGED.say(check.system(), byParameter, stated == null ? "" : stated, check.version())
				: pinned ? Messages.VERSION_MISMATCH.say(check.system(), source.version(), check.version())
				: Messages.VERSION_MISMATCH_DEFAULT.say(check.system(), source.version(), check.version());
		ValidationIssue mismatch = new ValidationIssue(pinned ? ValidationIssue.Severity.ERROR : ValidationIssue.Severity.WARNING, IssueType.INVALID,
				TxIssueType.VS_INVALID, differs, check.expression("version"));
		issues.add(mismatch);
		String unknown = null;
		if (!held) {
			issues.add(ValidationIssue.error(IssueType.NOTFOUND, TxIssueType.NOT_FOUND, context.cannotBeValidated(check.system(), check.version(), null),
					check.expression("system")));
			unknown = new Canonical(check.system(), check.version()).toString();
		}
		ValidationResult inValueSetVersion = membership(members, valueSet, check.withVersion(source.version()), options, includes);
		List<ValidationIssue> all = new ArrayList<>(issues);
		all.addAll(inValueSetVersion.issues());
		all.sort(Comparator.comparing(ValidationIssue::severity)); // errors first, in the order found
		return new ValidationResult(false, inValueSetVersion.system(), inValueSetVersion.version(), inValueSetVersion.code(),
				inValueSetVersion.display(), inValueSetVersion.inactive(), all, unknown, null);
	}

	/**
	 * A coding validated in its code system, then checked to be in the value set. Its version counts
	 * when it has one: the entry's own, or one the value set's stated version (or pattern such as 1.x) takes.
	 */
	private ValidationResult membership(Expansion members, String valueSet, CodingCheck check, ValidationOptions options,
			Includes includes) {
		boolean activeOnly = options.activeOnly(); // an inactive code is then not in the value set: valid, but not active
		ValidationResult inSystem = codes.validateOne(check, options);
		boolean drawnOn = members.sources().stream().anyMatch(s -> s.system().equals(check.system()));
		if (inSystem.unknownSystem() != null && check.version() != null && drawnOn) {
			return inSystem; // a version we do not hold of a system the value set draws on: membership cannot be judged
		}
		if (inSystem.unknownSystem() != null && !drawnOn) {
			inSystem = inSystem.withUnknownOutsideValueSet();
		}
		boolean expression = CptExpression.parse(check.system(), check.code()).isPresent();
		String code = inSystem.normalizedCode() != null ? inSystem.normalizedCode() : check.code(); // as a case-insensitive system writes it
		boolean member = expression ? includes.takesExpressions() && inSystem.valid() : members.find(check.system(), code).stream().anyMatch(e -> check.version() == null
				|| Objects.equals(e.version(), check.version())
				|| e.statedVersion() == null || VersionRules.matches(e.statedVersion(), check.version()));
		// a code its fragment code system lacks may be valid in another fragment: in a value set of the whole system, it may be a member
		member |= !expression && inSystem.valid() && inSystem.display() == null
				&& inSystem.issues().stream().anyMatch(i -> i.txType() == TxIssueType.INVALID_CODE)
				&& includes.wholeSystems().contains(check.system());
		// a code that is abstract where abstract codes are refused (abstract=false) is not taken as a member either (HL7's answer)
		boolean abstractRefused = !options.abstractAllowed() && members.find(check.system(), code).stream().anyMatch(e -> e.concept().notSelectable());
		if (member && !(activeOnly && inSystem.inactive()) && !abstractRefused) {
			// the value set's own mark on the code (deprecated, withdrawn...): the code stays valid, with a note
			List<ValidationIssue> marks = members.find(check.system(), code).stream().map(ExpansionEntry::mark).filter(Objects::nonNull)
					.map(m -> ValidationIssue.warning(IssueType.BUSINESSRULE, TxIssueType.CODE_COMMENT,
							Messages.CONCEPT_DEPRECATED_IN_VALUESET.say(code, check.system(), valueSet, m.status()), check.expression("code")).asAside())
					.distinct().toList();
			return marks.isEmpty() ? inSystem : inSystem.withNotes(marks);
		}
		List<ValidationIssue> why = new ArrayList<>();
		if (activeOnly && inSystem.inactive()) {
			why.add(ValidationIssue.error(IssueType.BUSINESSRULE, TxIssueType.CODE_RULE, Messages.VALID_BUT_NOT_ACTIVE.say(check.code()),
					check.expression("code")));
		}
		why.add(notInValueSet(check, valueSet));
		return inSystem.withIssues(why, false);
	}
}
