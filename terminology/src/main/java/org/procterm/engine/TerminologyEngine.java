package org.procterm.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.ValueSet;
import org.procterm.engine.codesystem.CodeSystemDiff;
import org.procterm.engine.codesystem.CodeSystemIndex;
import org.procterm.engine.codesystem.Concept;
import org.procterm.engine.codesystem.Designation;
import org.procterm.engine.codesystem.PropertyValue;
import org.procterm.engine.codesystem.TextMatch;
import org.procterm.engine.valueset.Expansion;
import org.procterm.engine.valueset.ExpansionEntry;
import org.procterm.engine.valueset.ValueSetExpander;

/**
 * The in-memory terminology engine. Content is loaded by resource id (as the server stores it) and
 * served from an immutable {@link Catalog} that is swapped on every change, so reads never lock.
 */
public final class TerminologyEngine implements TerminologyService {

	/** The extension by which a value set names the code system supplements its expansion and validation use. */
	static final String VALUESET_SUPPLEMENT = "http://hl7.org/fhir/StructureDefinition/valueset-supplement";
	/** Concept statuses that say more than inactive, reported by $validate-code; a code system's own status codes are not. */
	private static final java.util.Set<String> REPORTED_STATUSES = java.util.Set.of("deprecated", "retired", "withdrawn");
	private static final String EXPANSION_PARAMETER = "http://hl7.org/fhir/StructureDefinition/valueset-expansion-parameter";

	private final int maxExpansionSize;
	private final Duration operationBudget;
	/** Counts the changes to the catalog since start, so that an answer can be tagged with the content it came from. */
	private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();
	private final long startedAt = System.currentTimeMillis();
	private volatile long changedAt = startedAt;
	private final AtomicReference<Catalog> catalog = new AtomicReference<>(Catalog.empty());

	/**
	 * The most codes the engine works out for one value set, whatever is asked: a bound on the memory
	 * one request can take. A million-concept code system fits; ten million do not.
	 */
	static final int MAX_WORKING_SET = 1_500_000;

	/**
	 * @param maxExpansionSize the most codes one $expand answer may hold; more (without paging) is too-costly
	 * @param operationBudget the most time one request may spend expanding or checking a value set
	 */
	public TerminologyEngine(int maxExpansionSize, Duration operationBudget) {
		this.maxExpansionSize = maxExpansionSize;
		this.operationBudget = operationBudget;
	}

	private TerminologyEngine(int maxExpansionSize, Duration operationBudget, Catalog content) {
		this(maxExpansionSize, operationBudget);
		catalog.set(content);
	}

	private void changed() {
		changes.incrementAndGet();
		changedAt = System.currentTimeMillis();
	}

	/**
	 * A tag that changes whenever the served content changes (and with every start): an answer
	 * computed from the same tag and the same request is the same answer, so clients can revalidate.
	 */
	public String contentTag() {
		return Long.toString(startedAt, 36) + "-" + changes.get();
	}

	/** When the served content last changed (or the engine started), in epoch milliseconds. */
	public long lastChanged() {
		return changedAt;
	}

	/**
	 * This engine's content plus resources a request supplies inline (the {@code tx-resource}
	 * parameter). They take precedence over stored ones with the same URL and version for this
	 * one request, and are never stored.
	 */
	@Override
	public TerminologyService withResources(List<CodeSystem> codeSystems, List<ValueSet> valueSets) {
		if (codeSystems.isEmpty() && valueSets.isEmpty()) {
			return this;
		}
		Catalog c = catalog.get();
		int n = 0;
		for (CodeSystem cs : codeSystems) {
			if (!cs.hasUrl()) {
				throw TerminologyException.invalid("A CodeSystem given in tx-resource needs a url");
			}
			c = c.withCodeSystem("tx-resource/" + n++, CodeSystemIndex.of(cs));
		}
		for (ValueSet vs : valueSets) {
			if (!vs.hasUrl()) {
				throw TerminologyException.invalid("A ValueSet given in tx-resource needs a url");
			}
			c = c.withValueSet("tx-resource/" + n++, vs);
		}
		return new TerminologyEngine(maxExpansionSize, operationBudget, c);
	}

	/**
	 * This engine with code system supplements merged in for one request: each canonical
	 * ({@code url} or {@code url|version}) must name a supplement this engine holds, else NOT_FOUND.
	 * Supplements add designations and properties; they are used only when asked for, by this
	 * parameter ({@code useSupplement}) or by a value set's {@code valueset-supplement} extension.
	 */
	@Override
	public TerminologyEngine withSupplements(List<String> canonicals) {
		if (canonicals.isEmpty()) {
			return this;
		}
		Catalog c = catalog.get();
		List<CodeSystemIndex> supplements = new ArrayList<>();
		for (String reference : canonicals) {
			Canonical canonical = Canonical.parse(reference);
			CodeSystemIndex found = c.codeSystem(canonical.url(), canonical.version())
					.orElseThrow(() -> TerminologyException.notFound("Required supplement not found: " + reference));
			if (!found.isSupplement()) {
				throw TerminologyException.invalid("CodeSystem " + found.canonical() + " is not a supplement (its content is not 'supplement'),"
						+ " so it cannot be used as one");
			}
			supplements.add(found);
		}
		Catalog merged = c.withSupplements(supplements);
		return merged == c ? this : new TerminologyEngine(maxExpansionSize, operationBudget, merged);
	}

	/** This engine with the supplements {@code valueSet} names (extension {@code valueset-supplement}) merged in. */
	private TerminologyEngine withSupplementsOf(ValueSet valueSet) {
		return withSupplements(valueSet.getExtensionsByUrl(VALUESET_SUPPLEMENT).stream()
				.map(e -> e.getValue() == null ? null : e.getValue().primitiveValue()).filter(v -> v != null && !v.isBlank()).toList());
	}

	// ---- content ------------------------------------------------------------------------------

	/** Serves {@code cs} under {@code resourceId}, replacing what that id held before. */
	public void putCodeSystem(String resourceId, CodeSystem cs) {
		CodeSystemIndex index = CodeSystemIndex.of(cs);
		catalog.updateAndGet(c -> c.withCodeSystem(resourceId, index));
		changed();
	}

	/** Serves an already indexed code system under {@code resourceId} (an import read from a stream). */
	public void putCodeSystem(String resourceId, CodeSystemIndex index) {
		catalog.updateAndGet(c -> c.withCodeSystem(resourceId, index));
		changed();
	}

	public void putValueSet(String resourceId, ValueSet vs) {
		if (!vs.hasUrl()) {
			throw new IllegalArgumentException("a ValueSet without url cannot be served");
		}
		catalog.updateAndGet(c -> c.withValueSet(resourceId, vs));
		changed();
	}

	public void remove(String resourceId) {
		catalog.updateAndGet(c -> c.without(resourceId));
		changed();
	}

	public List<CodeSystemIndex> codeSystems() {
		return catalog.get().allCodeSystems().stream()
				.sorted(Comparator.comparing(CodeSystemIndex::url)).toList();
	}

	public int valueSetCount() {
		return catalog.get().valueSetCount();
	}

	// ---- operations ---------------------------------------------------------------------------

	@Override
	public boolean knowsCodeSystem(String url) {
		return catalog.get().codeSystem(url, null).isPresent();
	}

	@Override
	public boolean knowsValueSet(String url) {
		return catalog.get().valueSet(url, null).isPresent();
	}

	@Override
	public LookupResult lookup(LookupRequest request) {
		if (request.code() == null || request.system() == null) {
			throw TerminologyException.invalid("$lookup needs a code and a system (or a coding with both)");
		}
		CodeSystemIndex cs = codeSystemOrThrow(request.system(), request.version(), request.date());
		if (cs.isSupplement()) {
			throw TerminologyException.invalid("CodeSystem " + cs.canonical() + " is a supplement, so it has no codes of its own to look up;"
					+ " look the code up in " + cs.supplements() + " with useSupplement=" + cs.canonical());
		}
		Concept concept = cs.find(request.code()).orElseThrow(() -> TerminologyException.notFound(
				"Code '" + request.code() + "' is not in CodeSystem " + describe(cs)));

		List<LookupResult.Property> properties = new ArrayList<>();
		for (PropertyValue p : concept.properties()) {
			if (request.wantsProperty(p.code())) {
				properties.add(new LookupResult.Property(p.code(), p.value(), describeCodeValue(cs, p)));
			}
		}
		if (request.wantsProperty("inactive") && concept.propertiesNamed("inactive").isEmpty()) {
			properties.add(new LookupResult.Property("inactive", new BooleanType(concept.inactive()), null));
		}
		if (request.wantsProperty("parent")) {
			concept.parents().forEach(p -> properties.add(hierarchyProperty(cs, "parent", p)));
		}
		if (request.wantsProperty("child")) {
			concept.children().forEach(c -> properties.add(hierarchyProperty(cs, "child", c)));
		}
		List<Designation> designations = request.wantsProperty("designation") ? withDisplay(cs, concept) : List.of();
		return new LookupResult(cs.url(), cs.name(), cs.version(), concept.code(),
				DisplayCheck.displayFor(cs, concept, request.displayLanguage()), concept.definition(), concept.notSelectable(),
				designations, properties, cs.appliedSupplements());
	}

	/**
	 * A concept's designations with its display among them, in the language the code system states
	 * (when it states one and no designation says the same), so a client learns the display's
	 * language. It goes after the code system's own designations, before any from supplements.
	 */
	private static List<Designation> withDisplay(CodeSystemIndex cs, Concept concept) {
		if (cs.language() == null || concept.display() == null || concept.designations().stream()
				.anyMatch(d -> concept.display().equals(d.value()) && cs.language().equals(d.language()))) {
			return concept.designations();
		}
		List<Designation> all = new ArrayList<>();
		concept.designations().stream().filter(d -> d.source() == null).forEach(all::add);
		all.add(Designation.displayOfCodeSystem(cs.language(), concept.display()));
		concept.designations().stream().filter(d -> d.source() != null).forEach(all::add);
		return all;
	}

	@Override
	public ValidationResult validateInCodeSystem(List<CodingCheck> codings, ValidationOptions options) {
		return withStatusNotes(combine(codings, check -> validateOne(check, options)), List.of());
	}

	/**
	 * {@code result} with a note for each code system or value set it rests on that is not in good
	 * standing (see {@link Standing}): the code system of the code, then the value sets.
	 */
	private ValidationResult withStatusNotes(ValidationResult result, List<ValueSet> valueSets) {
		List<ValidationIssue> notes = new ArrayList<>();
		if (result.system() != null && result.unknownSystem() == null) {
			catalog.get().codeSystem(result.system(), result.version()).filter(cs -> cs.standing() != null)
					.ifPresent(cs -> notes.add(statusNote(cs.standing(), "CodeSystem", cs.canonical())));
		}
		valueSets.stream().filter(vs -> vs.hasUrl() && Standing.of(vs) != null)
				.forEach(vs -> notes.add(statusNote(Standing.of(vs), "ValueSet", Canonical.of(vs))));
		return notes.isEmpty() ? result : result.withNotes(notes);
	}

	private static ValidationIssue statusNote(String standing, String type, String canonical) {
		return new ValidationIssue(ValidationIssue.Severity.INFORMATION, "business-rule", ValidationIssue.STATUS_CHECK,
				"Reference to " + standing + " " + type + " " + canonical, null);
	}

	@Override
	public ValidationResult validateInValueSet(ValueSet valueSet, List<CodingCheck> codings, ValidationOptions options) {
		TerminologyEngine supplemented = withSupplementsOf(valueSet);
		if (supplemented != this) {
			return supplemented.validateInValueSet(valueSet, codings, options);
		}
		Expansion members;
		try {
			members = fullExpansion(valueSet, options.versions());
		} catch (TerminologyException e) {
			// (a system held in other versions but none in effect on the date asked is left to the general answer below)
			if (e instanceof UnknownCodeSystemException missing && !codings.isEmpty()
					&& (missing.version() != null || catalog.get().codeSystemVersions(missing.system()).isEmpty())) {
				// the value set names a code system (version) not held: each coding is still judged, and the answer says what is missing
				return combine(codings, check -> withoutCodeSystem(check, missing, options));
			}
			boolean versionRejected = e.problem() == TerminologyException.Problem.VERSION_REJECTED;
			if (e.problem() != TerminologyException.Problem.NOT_FOUND && !versionRejected || codings.isEmpty()) {
				throw e;
			}
			// the value set cannot be worked out (e.g. an import is missing): the code is not shown to be in it
			CodingCheck first = codings.get(0);
			ValidationIssue issue = versionRejected
					? new ValidationIssue(ValidationIssue.Severity.ERROR, "exception", "version-error", e.getMessage(), first.expression("version"))
					: new ValidationIssue(ValidationIssue.Severity.ERROR, "not-found", "not-found", e.getMessage(), null);
			return new ValidationResult(false, first.system(), first.version(), first.code(), null, false, List.of(issue));
		}
		String vs = Canonical.of(valueSet);
		// inactive codes are left out by the request (activeOnly) or by the value set itself (compose.inactive=false)
		// displays are judged in the language the value set is shown in, unless the client names one
		ValidationOptions rules = options.inValueSet(
				options.activeOnly() || valueSet.getCompose().hasInactive() && !valueSet.getCompose().getInactive(), options.inferSystem())
				.inLanguage(options.displayLanguage() != null ? options.displayLanguage() : statedDisplayLanguage(valueSet));
		java.util.function.Function<CodingCheck, ValidationResult> judge = asked -> {
			CodingCheck check = asked;
			if (rules.inferSystem() && asked.system() == null && asked.code() != null) {
				List<String> systems = systemsHolding(members, asked.code());
				if (systems.size() != 1) {
					return notInferred(asked, systems.isEmpty(), vs);
				}
				check = new CodingCheck(systems.get(0), asked.version(), asked.code(), asked.display(), asked.path());
			}
			ValidationResult judged = judgedByValueSetVersion(members, valueSet, check, rules);
			if (judged != null) {
				return judged;
			}
			return check.system() == null ? validateOne(check, rules) : membership(members, vs, check, rules);
		};
		ValidationResult result = !codings.isEmpty() && codings.get(0).inConcept() ? combineConcept(codings, judge, vs) : combine(codings, judge);
		List<ValueSet> valueSets = new ArrayList<>(List.of(valueSet));
		valueSets.addAll(members.imports());
		return withStatusNotes(result, valueSets);
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
	private ValidationResult withoutCodeSystem(CodingCheck check, UnknownCodeSystemException missing, ValidationOptions options) {
		if (!missing.system().equals(check.system())) {
			return new ValidationResult(false, check.system(), check.version(), check.code(), null, false, List.of(new ValidationIssue(
					ValidationIssue.Severity.ERROR, "not-found", "not-found", missing.getMessage(), null)), new Canonical(missing.system(), missing.version()).toString());
		}
		List<ValidationIssue> issues = new ArrayList<>();
		if (check.version() != null && missing.version() != null && !check.version().equals(missing.version())) {
			issues.add(new ValidationIssue(ValidationIssue.Severity.ERROR, "invalid", "vs-invalid", "The code system '" + check.system() + "' version '"
					+ missing.version() + "' in the ValueSet include is different to the one in the value ('" + check.version() + "')",
					check.expression("version")));
		}
		issues.add(new ValidationIssue(ValidationIssue.Severity.ERROR, "not-found", "not-found",
				cannotBeValidated(missing.system(), missing.version(), null), check.expression("system")));
		ValidationResult inSystem = validateOne(check, options);
		return new ValidationResult(false, check.system(), inSystem.version() != null ? inSystem.version() : check.version(), check.code(),
				inSystem.display(), inSystem.inactive(), issues, new Canonical(missing.system(), missing.version()).toString());
	}

	/** The code systems a value set holds {@code code} from ({@code inferSystem}): one lookup per code system it draws on. */
	private static List<String> systemsHolding(Expansion members, String code) {
		return members.sources().stream().map(Expansion.Source::system).distinct().filter(system -> !members.find(system, code).isEmpty()).toList();
	}

	/** A code sent without a system whose system cannot be inferred: in no code system of the value set, or in several. */
	private static ValidationResult notInferred(CodingCheck check, boolean inNone, String valueSet) {
		List<ValidationIssue> issues = new ArrayList<>();
		if (inNone) {
			issues.add(new ValidationIssue(ValidationIssue.Severity.ERROR, "code-invalid", "not-in-vs", "The provided code '" + check.code()
					+ "' was not found in the value set '" + valueSet + "'", check.expression("code")));
		}
		issues.add(new ValidationIssue(ValidationIssue.Severity.ERROR, "not-found", "cannot-infer", "The code system of the code '"
				+ check.code() + "' cannot be inferred from the value set '" + valueSet + "': " + (inNone ? "no" : "more than one")
				+ " code system in it has the code. Send the system with the code", check.expression("code")));
		return new ValidationResult(false, null, null, check.code(), null, false, issues);
	}

	private static ValidationIssue notInValueSet(CodingCheck check, String valueSet) {
		return new ValidationIssue(ValidationIssue.Severity.ERROR, "code-invalid", "not-in-vs",
				"The provided code '" + check.system() + "#" + check.code() + "' was not found in the value set '" + valueSet + "'",
				check.expression("code"));
	}

	/**
	 * A coding judged by the code system version its value set draws on, or null when the coding's
	 * own version is the one to judge by. With no version, a coding is read in the value set's
	 * version. With another version than a value set that states one (or one this server does not
	 * hold), the coding is judged in the value set's version, and the difference is an issue: an
	 * error when the value set states its version, a warning when it takes the latest.
	 */
	private ValidationResult judgedByValueSetVersion(Expansion members, ValueSet definition, CodingCheck check, ValidationOptions options) {
		String valueSet = Canonical.of(definition);
		if (check.system() == null || check.code() == null) {
			return null;
		}
		List<Expansion.Source> drawn = members.sources().stream().filter(s -> s.system().equals(check.system())).toList();
		List<ExpansionEntry> listed = members.find(check.system(), check.code());
		if (drawn.isEmpty() || check.version() != null && (drawn.stream().anyMatch(s -> VersionRules.matches(check.version(), s.version()))
				|| listed.stream().anyMatch(e -> VersionRules.isPattern(e.statedVersion()) && VersionRules.matches(e.statedVersion(), check.version())))) {
			return null; // the coding's version is one the value set takes (exactly, or by a pattern such as 1.x)
		}
		// of several versions the value set draws on (each for other codes), the one holding this code
		Expansion.Source source = drawn.stream().filter(s -> listed.stream().anyMatch(e -> java.util.Objects.equals(e.version(), s.version())))
				.findFirst().orElse(drawn.get(0));
		if (check.version() == null) {
			return membership(members, valueSet, check.withVersion(source.version()), options);
		}
		boolean pinned = members.pinned(source);
		boolean held = catalog.get().codeSystem(check.system(), check.version()).filter(cs -> VersionRules.matches(check.version(), cs.version())).isPresent();
		if (!pinned && held) {
			return null; // the value set takes whichever version; the coding's own is a fine one
		}
		List<ValidationIssue> issues = new ArrayList<>();
		String stated = definition.getCompose().getInclude().stream().filter(i -> check.system().equals(i.getSystem()) && i.hasVersion())
				.map(ValueSet.ConceptSetComponent::getVersion).findFirst().orElse(null);
		String byParameter = versionParameterFor(options.versions(), check.system(), stated);
		String include = byParameter == null ? "version '" + source.version() + "'" + (pinned ? "" : " for the versionless include")
				: "version '" + byParameter + "' resulting from the version '" + (stated == null ? "" : stated) + "'";
		issues.add(new ValidationIssue(pinned ? ValidationIssue.Severity.ERROR : ValidationIssue.Severity.WARNING, "invalid", "vs-invalid",
				"The code system '" + check.system() + "' " + include + " in the ValueSet include is different to the one in the value ('"
						+ check.version() + "')", check.expression("version")));
		String unknown = null;
		if (!held) {
			issues.add(new ValidationIssue(ValidationIssue.Severity.ERROR, "not-found", "not-found",
					cannotBeValidated(check.system(), check.version(), null), check.expression("system")));
			unknown = new Canonical(check.system(), check.version()).toString();
		}
		ValidationResult inValueSetVersion = membership(members, valueSet, check.withVersion(source.version()), options);
		List<ValidationIssue> all = new ArrayList<>(issues);
		all.addAll(inValueSetVersion.issues());
		all.sort(java.util.Comparator.comparing(ValidationIssue::severity)); // errors first, in the order found
		return new ValidationResult(false, inValueSetVersion.system(), inValueSetVersion.version(), inValueSetVersion.code(),
				inValueSetVersion.display(), inValueSetVersion.inactive(), all, unknown);
	}

	/**
	 * A coding validated in its code system, then checked to be in the value set. Its version counts
	 * when it has one: the entry's own, or one the value set's stated version (or pattern such as 1.x) takes.
	 */
	private ValidationResult membership(Expansion members, String valueSet, CodingCheck check, ValidationOptions options) {
		boolean activeOnly = options.activeOnly(); // an inactive code is then not in the value set: valid, but not active
		ValidationResult inSystem = validateOne(check, options);
		if (inSystem.unknownSystem() != null && check.version() != null) {
			return inSystem; // a version we do not hold: membership cannot be judged
		}
		boolean member = members.find(check.system(), check.code()).stream().anyMatch(e -> check.version() == null
				|| java.util.Objects.equals(e.version(), check.version())
				|| e.statedVersion() == null || VersionRules.matches(e.statedVersion(), check.version()));
		if (member && !(activeOnly && inSystem.inactive())) {
			return inSystem;
		}
		List<ValidationIssue> why = new ArrayList<>();
		if (activeOnly && inSystem.inactive()) {
			why.add(new ValidationIssue(ValidationIssue.Severity.ERROR, "business-rule", "code-rule",
					"The concept '" + check.code() + "' is valid but is not active", check.expression("code")));
		}
		why.add(notInValueSet(check, valueSet));
		return inSystem.withIssues(why, false);
	}

	@Override
	public ValueSet findValueSet(String url, String version, java.time.LocalDate date) {
		return catalog.get().valueSet(url, version, date).orElseThrow(() -> TerminologyException.notFound(
				"A definition for the value Set '" + url + (version == null ? "" : "|" + version) + "' could not be found"
						+ (version == null && date != null && knowsValueSet(url) ? " in a version in effect on " + date : "")));
	}

	@Override
	public ValueSet expand(ValueSet valueSet, ExpansionRequest request) {
		TerminologyEngine supplemented = withSupplementsOf(valueSet);
		if (supplemented != this) {
			return supplemented.expand(valueSet, request);
		}
		String stated = request.displayLanguage() == null ? statedDisplayLanguage(valueSet) : null;
		if (stated != null) {
			request = request.inLanguage(stated);
		}
		Expansion expansion = leftOut(fullExpansion(valueSet, request.versions()), request);
		TextMatch match = TextMatch.of(request.filter());
		Page page = match != null && expansion.entries().size() > INDEXED_FILTER_FROM
				? filterByIndex(expansion, match, request.onlyActive(), request.start(), request.count())
				: null;
		if (page == null) {
			List<ExpansionEntry> entries;
			if (match != null) {
				entries = rankEach(expansion.entries(), match, request.onlyActive());
			} else {
				entries = request.onlyActive()
						? expansion.entries().stream().filter(e -> !e.concept().inactive()).toList()
						: expansion.entries();
			}
			int from = Math.min(request.start(), entries.size());
			int to = request.count() == null ? entries.size() : (int) Math.min((long) from + request.count(), entries.size());
			page = new Page(entries.subList(from, to), entries.size());
		}
		if (page.entries().size() > maxExpansionSize) {
			throw TerminologyException.tooCostly("The expansion of ValueSet " + valueSet.getUrl() + " would hold " + page.entries().size()
					+ " codes, more than the " + maxExpansionSize + " this server returns at once; page through it with count and offset, or narrow it with filter");
		}
		Catalog current = catalog.get();
		return ExpansionWriter.write(valueSet, request, page.entries(), page.total(),
				entry -> current.codeSystem(entry.system(), entry.version()), drawnOn(valueSet, expansion));
	}

	/** {@code expansion} without the codes the request leaves out: abstract ones (excludeNotForUI) and those of excluded systems. */
	private static Expansion leftOut(Expansion expansion, ExpansionRequest request) {
		if (!request.excludeNotForUI() && request.excludeSystems().isEmpty()) {
			return expansion;
		}
		List<Canonical> systems = request.excludeSystems().stream().map(Canonical::parse).toList();
		return Expansion.of(expansion.entries().stream()
				.filter(e -> !(request.excludeNotForUI() && e.concept().notSelectable()))
				.filter(e -> systems.stream().noneMatch(s -> s.url().equals(e.system()) && (s.version() == null || VersionRules.matches(s.version(), e.version()))))
				.toList(), expansion.imports());
	}

	/** The code systems, supplements and value sets an expansion drew on, and which of them are not in good standing. */
	private ExpansionWriter.DrawnOn drawnOn(ValueSet valueSet, Expansion expansion) {
		Catalog current = catalog.get();
		List<CodeSystemIndex> codeSystems = expansion.sources().stream()
				.flatMap(source -> current.codeSystem(source.system(), source.version()).filter(cs -> java.util.Objects.equals(cs.version(), source.version())).stream())
				.toList();
		java.util.Map<String, String> warnings = new java.util.LinkedHashMap<>();
		codeSystems.stream().filter(cs -> cs.standing() != null).forEach(cs -> warnings.put(cs.canonical(), cs.standing()));
		java.util.stream.Stream.concat(java.util.stream.Stream.of(valueSet), expansion.imports().stream())
				.filter(vs -> vs.hasUrl() && Standing.of(vs) != null).forEach(vs -> warnings.put(Canonical.of(vs), Standing.of(vs)));
		return new ExpansionWriter.DrawnOn(
				expansion.sources().stream().map(s -> s.version() == null ? s.system() : s.system() + "|" + s.version()).toList(),
				codeSystems.stream().flatMap(cs -> cs.appliedSupplements().stream()).distinct().toList(),
				expansion.imports().stream().map(Canonical::of).toList(), warnings);
	}

	@Override
	public SubsumptionOutcome subsumes(String system, String version, String codeA, String codeB) {
		if (system == null || codeA == null || codeB == null) {
			throw TerminologyException.invalid("$subsumes needs a system and two codes (codeA and codeB, or codingA and codingB)");
		}
		CodeSystemIndex cs = codeSystemOrThrow(system, version, null);
		Concept a = cs.find(codeA).orElseThrow(() -> TerminologyException.invalid(
				"codeA '" + codeA + "' is not in CodeSystem " + describe(cs)));
		Concept b = cs.find(codeB).orElseThrow(() -> TerminologyException.invalid(
				"codeB '" + codeB + "' is not in CodeSystem " + describe(cs)));
		if (a.code().equals(b.code())) {
			return SubsumptionOutcome.EQUIVALENT;
		}
		if (cs.descendantsOf(a.code()).contains(b.code())) {
			return SubsumptionOutcome.SUBSUMES;
		}
		if (cs.descendantsOf(b.code()).contains(a.code())) {
			return SubsumptionOutcome.SUBSUMED_BY;
		}
		return SubsumptionOutcome.NOT_SUBSUMED;
	}

	// ---- helpers ------------------------------------------------------------------------------

	/**
	 * The display language a value set asks for when the client asks for none: a {@code displayLanguage}
	 * in HL7's {@code valueset-expansion-parameter} extension on its compose, else the language it is
	 * written in, whose readers expect its codes in it.
	 */
	private static String statedDisplayLanguage(ValueSet valueSet) {
		for (Extension parameter : valueSet.getCompose().getExtensionsByUrl(EXPANSION_PARAMETER)) {
			Extension name = parameter.getExtensionByUrl("name");
			Extension value = parameter.getExtensionByUrl("value");
			if (name != null && value != null && name.hasValue() && value.hasValue() && "displayLanguage".equals(name.getValue().primitiveValue())) {
				return value.getValue().primitiveValue();
			}
		}
		return valueSet.hasLanguage() ? valueSet.getLanguage() : null;
	}

	private record Ranked(ExpansionEntry entry, TextMatch.Rank rank) {}

	/** Below this many codes a value set is filtered by looking at each; above, through the word index. */
	private static final int INDEXED_FILTER_FROM = 2000;

	/**
	 * The typeahead filter over a large expansion, through the word index of each code system the
	 * expansion draws on. Same answer as ranking every entry, in the same order: by rank, then by
	 * position in the expansion. Matches come as bit sets per rank over ordinals, so the total is a
	 * count of bits. When the expansion keeps its one code system's order, the page is read straight
	 * from those sets and stops once it is full. Otherwise the matches are first moved to bit sets
	 * over expansion positions. Null when a code system of the expansion is not in the catalog, so
	 * its index cannot be used.
	 */
	private Page filterByIndex(Expansion expansion, TextMatch match, boolean activeOnly, int offset, Integer count) {
		Catalog c = catalog.get();
		List<BitSet[]> matched = new ArrayList<>();
		List<Expansion.Placement> placements = new ArrayList<>();
		for (Expansion.Source source : expansion.sources()) {
			Optional<CodeSystemIndex> cs = c.codeSystem(source.system(), source.version())
					.filter(i -> java.util.Objects.equals(i.version(), source.version()));
			if (cs.isEmpty()) {
				return null; // content not in this catalog (it came inline): the caller looks at each entry
			}
			Expansion.Placement placement = expansion.placementIn(cs.get());
			BitSet[] byRank = match.matchesIn(cs.get());
			for (BitSet marks : byRank) {
				marks.and(placement.members());
				if (activeOnly) {
					marks.andNot(cs.get().inactiveOrdinals());
				}
			}
			matched.add(byRank);
			placements.add(placement);
		}
		boolean inOrder = matched.size() == 1 && placements.get(0).inOrder();
		BitSet[] byRank = inOrder ? matched.get(0) : toPositions(matched, placements, expansion.entries().size());
		int[] positions = inOrder ? placements.get(0).positions() : null; // null: the bits are positions already
		int total = 0;
		for (BitSet marks : byRank) {
			total += marks.cardinality();
		}
		int wanted = count == null ? Integer.MAX_VALUE : count;
		List<ExpansionEntry> page = new ArrayList<>(Math.min(wanted, 100));
		int skip = offset;
		for (BitSet marks : byRank) {
			for (int i = marks.nextSetBit(0); i >= 0 && page.size() < wanted; i = marks.nextSetBit(i + 1)) {
				if (skip > 0) {
					skip--;
				} else {
					page.add(expansion.entries().get(positions == null ? i : positions[i]));
				}
			}
		}
		return new Page(page, total);
	}

	/** The matches of several code systems, or of one out of order, as one bit set per rank over expansion positions. */
	private static BitSet[] toPositions(List<BitSet[]> matched, List<Expansion.Placement> placements, int size) {
		BitSet[] byPosition = new BitSet[TextMatch.Rank.values().length];
		java.util.Arrays.setAll(byPosition, r -> new BitSet(size));
		for (int s = 0; s < matched.size(); s++) {
			int[] positions = placements.get(s).positions();
			for (int r = 0; r < byPosition.length; r++) {
				BitSet marks = matched.get(s)[r];
				for (int o = marks.nextSetBit(0); o >= 0; o = marks.nextSetBit(o + 1)) {
					byPosition[r].set(positions[o]);
				}
			}
		}
		return byPosition;
	}

	/** One page of a filtered expansion and how many codes matched in all. */
	private record Page(List<ExpansionEntry> entries, int total) {}

	private static List<ExpansionEntry> rankEach(List<ExpansionEntry> entries, TextMatch match, boolean activeOnly) {
		return entries.stream()
				.filter(e -> !activeOnly || !e.concept().inactive())
				.map(e -> new Ranked(e, match.rank(e.concept())))
				.filter(r -> r.rank() != TextMatch.Rank.NONE)
				.sorted(Comparator.comparing(Ranked::rank))
				.map(Ranked::entry)
				.toList();
	}

	private Expansion fullExpansion(ValueSet valueSet, VersionRules versions) {
		Catalog current = catalog.get();
		ValueSetExpander expander = new ValueSetExpander(current, Math.max(maxExpansionSize, MAX_WORKING_SET), versions,
				Deadline.after(operationBudget));
		// a value set found by URL is the catalog's own instance; one read by id or sent inline is compared in full
		boolean stored = valueSet.hasUrl() && current.valueSet(valueSet.getUrl(), valueSet.getVersion())
				.map(v -> v == valueSet || v.equalsDeep(valueSet)).orElse(false);
		if (!stored || !versions.equals(VersionRules.NONE)) {
			return Expansion.of(expander.expand(valueSet), expander.importedValueSets()); // inline content or version rules: evaluated, never cached
		}
		return current.cachedExpansion(valueSet.getUrl() + "|" + valueSet.getVersion(), key -> Expansion.of(expander.expand(valueSet), expander.importedValueSets()));
	}

	private ValidationResult validateOne(CodingCheck check, ValidationOptions options) {
		VersionRules versions = options.versions();
		if (check.code() == null || check.code().isBlank()) {
			throw TerminologyException.invalid("$validate-code needs a code (code, coding or codeableConcept)");
		}
		if (check.system() == null) {
			return invalid(check, null, new ValidationIssue(ValidationIssue.Severity.ERROR, "invalid", "invalid-data",
					"Coding has no system. A code with no system has no defined meaning, and it cannot be validated. A system should be provided",
					check.expression("system")));
		}
		String version = versions.choose(check.system(), check.version());
		Optional<CodeSystemIndex> found = catalog.get().codeSystem(check.system(), version, versions.date());
		if (found.isEmpty()) {
			ValidationIssue issue = new ValidationIssue(ValidationIssue.Severity.ERROR, "not-found", "not-found",
					cannotBeValidated(check.system(), version, versions.date()), check.expression("system"));
			return new ValidationResult(false, check.system(), check.version(), check.code(), null, false, List.of(issue),
					new Canonical(check.system(), version).toString());
		}
		CodeSystemIndex cs = found.get();
		if (cs.isSupplement()) {
			return new ValidationResult(false, check.system(), check.version(), check.code(), null, false, List.of(new ValidationIssue(
					ValidationIssue.Severity.ERROR, "invalid", "invalid-data", supplementAsSystem(cs, check.expression("system")),
					check.expression("system"))), check.system());
		}
		String rejected = versions.checkFailure(cs.url(), cs.version());
		if (rejected != null) {
			return invalid(check, cs.version(), new ValidationIssue(ValidationIssue.Severity.ERROR, "exception", "version-error",
					rejected, check.expression("version")));
		}
		Optional<Concept> concept = cs.find(check.code());
		if (concept.isEmpty()) {
			return invalid(check, cs.version(), new ValidationIssue(ValidationIssue.Severity.ERROR, "code-invalid", "invalid-code",
					"Unknown code '" + check.code() + "' in the CodeSystem '" + cs.url() + "'"
							+ (cs.version() == null ? "" : " version '" + cs.version() + "'"), check.expression("code")));
		}
		Concept c = concept.get();
		String display = DisplayCheck.displayFor(cs, c, options.displayLanguage());
		List<ValidationIssue> issues = new ArrayList<>();
		boolean valid = true;
		if (c.notSelectable() && !options.abstractAllowed()) {
			valid = false;
			issues.add(new ValidationIssue(ValidationIssue.Severity.ERROR, "business-rule", "code-rule",
					"Code '" + cs.url() + "#" + c.code() + "' is abstract (a grouping that is not selectable), and abstract codes are not"
							+ " allowed here (abstract=false)", check.expression("code")));
		}
		ValidationIssue displayIssue = check.display() == null ? null
				: DisplayCheck.judge(cs, c, check.display(), options.displayLanguage(), check.expression("display"));
		if (displayIssue != null && displayIssue.isError() && options.lenientDisplay()) {
			// the client asked for wrong displays to be reported, not to make the code invalid
			displayIssue = new ValidationIssue(ValidationIssue.Severity.WARNING, displayIssue.type(), displayIssue.txType(),
					displayIssue.text(), displayIssue.expression());
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
			issues.add(new ValidationIssue(ValidationIssue.Severity.WARNING, "business-rule", "code-comment",
					"The concept '" + c.code() + "' has a status of " + stated + "inactive and its use should be reviewed", check.codingExpression()));
		} else if ("deprecated".equals(status)) {
			issues.add(new ValidationIssue(ValidationIssue.Severity.WARNING, "business-rule", "code-comment",
					"The concept '" + c.code() + "' is deprecated and its use should be reviewed", check.expression("code")));
		}
		return new ValidationResult(valid, cs.url(), cs.version(), c.code(), display, c.inactive(), issues, null,
				status != null && REPORTED_STATUSES.contains(status) ? status : null);
	}

	private static String supplementAsSystem(CodeSystemIndex supplement, String where) {
		return "CodeSystem " + supplement.canonical() + " is a supplement, so can't be used as a value in " + where;
	}

	private static ValidationResult invalid(CodingCheck check, String version, ValidationIssue issue) {
		return new ValidationResult(false, check.system(), version != null ? version : check.version(), check.code(), null, false,
				List.of(issue));
	}

	/**
	 * One coding: its own result. Several (a CodeableConcept): valid when any is valid, answering
	 * for that coding but keeping the issues found with the others.
	 */
	private static ValidationResult combine(List<CodingCheck> codings, java.util.function.Function<CodingCheck, ValidationResult> check) {
		if (codings.isEmpty()) {
			throw TerminologyException.invalid("$validate-code needs a code (with system), a coding or a codeableConcept");
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
			others = others.stream().map(i -> new ValidationIssue(ValidationIssue.Severity.WARNING, i.type(), i.txType(), i.text(), i.expression())).toList();
		}
		return chosen.withIssues(others, chosen.valid());
	}

	/**
	 * The codings of a CodeableConcept checked against a value set. One valid coding makes the concept
	 * valid, as for {@link #combine}. When none is and codings fell outside the value set, the answer is
	 * about the concept: an error that no coding is in the value set, then each coding's own errors, and
	 * that a coding is not in the value set only as a note on that coding; no code or system is
	 * answered, since none was accepted.
	 */
	private static ValidationResult combineConcept(List<CodingCheck> codings, java.util.function.Function<CodingCheck, ValidationResult> check,
			String valueSet) {
		List<ValidationResult> results = codings.stream().map(check).toList();
		boolean outsideValueSet = results.stream().flatMap(r -> r.issues().stream()).anyMatch(i -> "not-in-vs".equals(i.txType()));
		if (results.stream().anyMatch(ValidationResult::valid) || !outsideValueSet) {
			return combined(results); // a coding judged wrong for other reasons (e.g. its version) answers for itself
		}
		List<ValidationIssue> perCoding = new ArrayList<>();
		for (ValidationResult r : results) {
			for (ValidationIssue i : r.issues()) {
				perCoding.add("not-in-vs".equals(i.txType())
						? new ValidationIssue(ValidationIssue.Severity.INFORMATION, i.type(), "this-code-not-in-vs", i.text(), i.expression())
						: i);
			}
		}
		perCoding.sort(java.util.Comparator.comparing(ValidationIssue::severity).thenComparing(ValidationIssue::text));
		List<ValidationIssue> issues = new ArrayList<>();
		issues.add(new ValidationIssue(ValidationIssue.Severity.ERROR, "code-invalid", "not-in-vs",
				"No valid coding was found for the value set '" + valueSet + "'", null));
		issues.addAll(perCoding);
		String unknown = results.stream().map(ValidationResult::unknownSystem).filter(java.util.Objects::nonNull).findFirst().orElse(null);
		return new ValidationResult(false, null, null, null, null, false, issues, unknown);
	}

	/** What changed in code system {@code url} from version {@code from} to version {@code to}. */
	public CodeSystemDiff diff(String url, String from, String to) {
		if (url == null || from == null || to == null) {
			throw TerminologyException.invalid("A diff needs the code system's url and the two versions to compare (from and to)");
		}
		Catalog c = catalog.get();
		CodeSystemIndex before = c.codeSystem(url, from).filter(cs -> from.equals(cs.version()))
				.orElseThrow(() -> TerminologyException.notFound(unknownCodeSystemMessage(url, from, null)));
		CodeSystemIndex after = c.codeSystem(url, to).filter(cs -> to.equals(cs.version()))
				.orElseThrow(() -> TerminologyException.notFound(unknownCodeSystemMessage(url, to, null)));
		return CodeSystemDiff.between(before, after);
	}

	private CodeSystemIndex codeSystemOrThrow(String system, String version, java.time.LocalDate date) {
		return catalog.get().codeSystem(system, version, date)
				.orElseThrow(() -> TerminologyException.notFound(unknownCodeSystemMessage(system, version, date)));
	}

	/**
	 * HL7's wording for a code whose code system, or that version of it (or one in effect on
	 * {@code date}), is not held, with the versions that are.
	 */
	private String cannotBeValidated(String system, String version, java.time.LocalDate date) {
		return "A definition for CodeSystem '" + system + "'" + (version == null ? "" : " version '" + version + "'")
				+ (version == null && date != null ? " in effect on " + date : "")
				+ " could not be found, so the code cannot be validated"
				+ (catalog.get().codeSystemVersions(system).isEmpty() ? "" : ". Valid versions: " + describeVersions(system, date));
	}

	private String unknownCodeSystemMessage(String system, String version, java.time.LocalDate date) {
		List<String> versions = catalog.get().codeSystemVersions(system);
		if (version != null && !versions.isEmpty()) {
			return "CodeSystem " + system + " version " + version + " is not known to this server; known versions: "
					+ describeVersions(system, null);
		}
		if (date != null && !versions.isEmpty()) {
			return "No version of CodeSystem " + system + " was in effect on " + date + "; known versions: " + describeVersions(system, date);
		}
		return "CodeSystem " + system + " is not known to this server";
	}

	/** The versions held of {@code system} as {@link VersionRules#orList} gives them, with the day each takes effect when a date was asked about. */
	private String describeVersions(String system, java.time.LocalDate date) {
		if (date == null) {
			return VersionRules.orList(catalog.get().codeSystemVersions(system));
		}
		return VersionRules.joinedWithOr(catalog.get().codeSystemEffectiveDates(system).entrySet().stream()
				.map(e -> (e.getKey().isEmpty() ? "(none)" : e.getKey()) + (e.getValue() != null ? " (from " + e.getValue() + ")" : ""))
				.toList());
	}

	private static String describe(CodeSystemIndex cs) {
		return cs.version() == null ? cs.url() : cs.url() + " version " + cs.version();
	}

	private static String describeCodeValue(CodeSystemIndex cs, PropertyValue p) {
		if (p.value() instanceof CodeType code) {
			return cs.find(code.getValue()).map(Concept::display).orElse(null);
		}
		if (p.value() instanceof Coding coding && coding.hasDisplay()) {
			return coding.getDisplay();
		}
		return null;
	}

	private static LookupResult.Property hierarchyProperty(CodeSystemIndex cs, String name, String code) {
		return new LookupResult.Property(name, new CodeType(code), cs.find(code).map(Concept::display).orElse(null));
	}
}
