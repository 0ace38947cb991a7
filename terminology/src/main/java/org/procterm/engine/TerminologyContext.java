package org.procterm.engine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;
import org.procterm.engine.codesystem.CodeSystemIndex;
import org.procterm.engine.codesystem.Subsumption;
import org.procterm.engine.lookup.Lookup;
import org.procterm.engine.validation.AddOnPairing;
import org.procterm.engine.validation.CodeValidator;
import org.procterm.engine.validation.ValueSetValidator;
import org.procterm.engine.valueset.Expansion;
import org.procterm.engine.valueset.ExpandOperation;

/**
 * What one request sees, built once when it starts: the catalog as it was then, with the
 * request's own {@code tx-resource}s and the supplements it names merged in, the limits, and the
 * request's time budget. Immutable; each operation is a class of its own that works over it.
 */
public final class TerminologyContext implements TerminologyService {

	/** HL7's extension by which a value set names the supplements its codes are shown with. */
	public static final String VALUESET_SUPPLEMENT = "http://hl7.org/fhir/StructureDefinition/valueset-supplement";

	private final Catalog catalog;
	private final EngineLimits limits;
	private final Deadline deadline;

	private TerminologyContext(Catalog catalog, EngineLimits limits, Deadline deadline) {
		this.catalog = catalog;
		this.limits = limits;
		this.deadline = deadline;
	}

	/**
	 * The context of one request. Inline resources take precedence over stored ones with the same
	 * URL and version for this request only, and are never stored.
	 */
	static TerminologyContext of(Catalog catalog, EngineLimits limits, List<CodeSystem> codeSystems, List<ValueSet> valueSets,
			List<String> supplements) {
		Catalog c = catalog;
		int n = 0;
		for (CodeSystem cs : codeSystems) {
			if (!cs.hasUrl()) {
				throw TerminologyException.invalid(Messages.TX_RESOURCE_NEEDS_URL.text("CodeSystem"));
			}
			c = c.withCodeSystem("tx-resource/" + n++, CodeSystemIndex.of(cs));
		}
		for (ValueSet vs : valueSets) {
			if (!vs.hasUrl()) {
				throw TerminologyException.invalid(Messages.TX_RESOURCE_NEEDS_URL.text("ValueSet"));
			}
			c = c.withValueSet("tx-resource/" + n++, vs);
		}
		return new TerminologyContext(c, limits, Deadline.after(limits.operationBudget())).withSupplements(supplements);
	}

	/**
	 * This context with code system supplements merged in: each canonical ({@code url} or
	 * {@code url|version}) must name a supplement held, else NOT_FOUND. Supplements add designations
	 * and properties; they are used only when asked for (useSupplement, or a value set's extension).
	 */
	public TerminologyContext withSupplements(List<String> canonicals) {
		if (canonicals.isEmpty()) {
			return this;
		}
		List<CodeSystemIndex> supplements = new ArrayList<>();
		for (String reference : canonicals) {
			Canonical canonical = Canonical.parse(reference);
			CodeSystemIndex found = catalog.codeSystem(canonical.url(), canonical.version())
					.orElseThrow(() -> TerminologyException.notFound(Messages.SUPPLEMENT_NOT_FOUND.say(reference)));
			if (!found.isSupplement()) {
				throw TerminologyException.invalid(Messages.NOT_A_SUPPLEMENT.text(found.canonical()));
			}
			supplements.add(found);
		}
		Catalog merged = catalog.withSupplements(supplements);
		return merged == catalog ? this : new TerminologyContext(merged, limits, deadline);
	}

	/** This context with the supplements {@code valueSet} names (extension {@code valueset-supplement}) merged in. */
	public TerminologyContext withSupplementsOf(ValueSet valueSet) {
		return withSupplements(valueSet.getExtensionsByUrl(VALUESET_SUPPLEMENT).stream()
				.map(e -> e.getValue() == null ? null : e.getValue().primitiveValue()).filter(v -> v != null && !v.isBlank()).toList());
	}

	/** Where operations find code systems and value sets. */
	public ContentSource content() {
		return catalog;
	}

	public EngineLimits limits() {
		return limits;
	}

	public Deadline deadline() {
		return deadline;
	}

	/** The expansion of a stored value set, worked out once per catalog and kept with it. */
	public Expansion cachedExpansion(String key, Function<String, Expansion> compute) {
		return catalog.cachedExpansion(key, compute);
	}

	/** The code system, or NOT_FOUND with a message that lists the versions held. */
	public CodeSystemIndex codeSystemOrThrow(String system, String version, LocalDate date) {
		return catalog.codeSystem(system, version, date)
				.orElseThrow(() -> TerminologyException.notFound(unknownCodeSystem(system, version, date)));
	}

	/** HL7's wording for a code whose code system, or that version of it (or one in effect on {@code date}), is not held. */
	public Message cannotBeValidated(String system, String version, LocalDate date) {
		boolean noneHeld = catalog.codeSystemVersions(system).isEmpty();
		// HL7 keys the message by its variant: no version asked, a version of a system held in others, or in none
		Messages variant = version == null ? (date == null ? Messages.CANNOT_BE_VALIDATED : Messages.CANNOT_BE_VALIDATED_ON_DATE)
				: noneHeld ? Messages.CANNOT_BE_VALIDATED_VERSION_NONE : Messages.CANNOT_BE_VALIDATED_VERSION;
		return variant.say(system, version == null ? "" : " version '" + version + "'",
				version == null && date != null ? " in effect on " + date : "",
				noneHeld ? (version != null ? Messages.NO_VERSIONS_KNOWN.text() : "")
						: ". Valid versions: " + describeVersions(system, date));
	}

	public String unknownCodeSystem(String system, String version, LocalDate date) {
		List<String> versions = catalog.codeSystemVersions(system);
		if (version != null && !versions.isEmpty()) {
			return Messages.CODE_SYSTEM_VERSION_UNKNOWN.text(system, version, describeVersions(system, null));
		}
		if (date != null && !versions.isEmpty()) {
			return Messages.CODE_SYSTEM_NONE_IN_EFFECT.text(system, date, describeVersions(system, date));
		}
		return Messages.CODE_SYSTEM_UNKNOWN.text(system);
	}

	/** The versions held of {@code system}, with the day each takes effect when a date was asked about. */
	private String describeVersions(String system, LocalDate date) {
		if (date == null) {
			return VersionRules.orList(catalog.codeSystemVersions(system));
		}
		Map<String, LocalDate> effective = catalog.codeSystemEffectiveDates(system);
		return VersionRules.joinedWithOr(effective.entrySet().stream()
				.map(e -> (e.getKey().isEmpty() ? "(none)" : e.getKey()) + (e.getValue() != null ? " (from " + e.getValue() + ")" : ""))
				.toList());
	}

	/** "url version v", or the url alone for a version-less code system. */
	public static String describe(CodeSystemIndex cs) {
		return cs.version() == null ? cs.url() : cs.url() + " version " + cs.version();
	}

	// ---- the operations, each in its own class ----

	@Override
	public boolean knowsCodeSystem(String url) {
		return catalog.codeSystem(url, null).isPresent();
	}

	@Override
	public boolean knowsValueSet(String url) {
		return catalog.valueSet(url, null).isPresent();
	}

	@Override
	public LookupResult lookup(LookupRequest request) {
		return new Lookup(this).lookup(request);
	}

	@Override
	public ValidationResult validateInCodeSystem(List<CodingCheck> codings, ValidationOptions options) {
		return new CodeValidator(this).validate(codings, options);
	}

	@Override
	public ValidationResult validateInValueSet(ValueSet valueSet, List<CodingCheck> codings, ValidationOptions options) {
		return new ValueSetValidator(withSupplementsOf(valueSet)).validate(valueSet, codings, options);
	}

	@Override
	public ValueSet findValueSet(String url, String version, LocalDate date) {
		return catalog.valueSet(url, version, date).orElseThrow(() -> TerminologyException.notFound(Messages.VALUE_SET_NOT_FOUND.say(
				url + (version == null ? "" : "|" + version), version == null && date != null && knowsValueSet(url) ? " in a version in effect on " + date : "")));
	}

	@Override
	public ValueSet expand(ValueSet valueSet, ExpansionRequest request) {
		return new ExpandOperation(withSupplementsOf(valueSet)).expand(valueSet, request);
	}

	@Override
	public List<AddOnPairing.Checked> checkCodeSet(List<CodingCheck> set, ValidationOptions options) {
		return new AddOnPairing(this).checkSet(set, options);
	}

	@Override
	public SubsumptionOutcome subsumes(String system, String version, String codeA, String codeB) {
		return new Subsumption(this).subsumes(system, version, codeA, codeB);
	}

}
