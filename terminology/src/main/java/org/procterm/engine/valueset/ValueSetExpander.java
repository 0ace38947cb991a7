package org.procterm.engine.valueset;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ConceptReferenceComponent;
import org.hl7.fhir.r4.model.ValueSet.ConceptSetComponent;
import org.hl7.fhir.r4.model.ValueSet.ConceptSetFilterComponent;
import org.procterm.engine.Canonical;
import org.procterm.engine.ContentSource;
import org.procterm.engine.Deadline;
import org.procterm.engine.Message;
import org.procterm.engine.Messages;
import org.procterm.engine.TerminologyException;
import org.procterm.engine.UnknownCodeSystemException;
import org.procterm.engine.UnknownValueSetException;
import org.procterm.engine.VersionOrder;
import org.procterm.engine.VersionRules;
import org.procterm.engine.codesystem.CodeSystemIndex;
import org.procterm.engine.codesystem.Concept;

/**
 * Computes the full content of a value set from its {@code compose}: includes minus excludes, with
 * explicit concept lists, property and hierarchy filters and imported value sets. The result is
 * unfiltered and unpaged; text filter and paging are applied by the caller.
 */
public final class ValueSetExpander {

	private final ContentSource source;
	private final int maxSize;
	private final VersionRules versions;
	private final Deadline deadline;
	/** The value sets imported along the way (compose.include.valueSet), by canonical, in the order met. */
	private final Map<String, ValueSet> imported = new LinkedHashMap<>();
	/** The code system versions read along the way, for includes and excludes, in the order read. */
	private final Set<Expansion.Source> read = new java.util.LinkedHashSet<>();

	public ValueSetExpander(ContentSource source, int maxSize, VersionRules versions, Deadline deadline) {
		this.source = source;
		this.maxSize = maxSize;
		this.versions = versions;
		this.deadline = deadline;
	}

	public List<ExpansionEntry> expand(ValueSet valueSet) {
		return expand(valueSet, new ArrayDeque<>());
	}

	/**
	 * The order to take a value set's includes in: as written, except that includes of versions of one
	 * code system are taken newest version first, in the places those includes hold (so the codes of
	 * the newest version come first, as HL7's reference expander lists them).
	 */
	private static List<Integer> includeOrder(List<ConceptSetComponent> declared) {
		List<Integer> order = new ArrayList<>(java.util.stream.IntStream.range(0, declared.size()).boxed().toList());
		Map<String, List<Integer>> versionedBySystem = new LinkedHashMap<>();
		for (int i = 0; i < declared.size(); i++) {
			if (declared.get(i).hasSystem() && declared.get(i).hasVersion()) {
				versionedBySystem.computeIfAbsent(declared.get(i).getSystem(), k -> new ArrayList<>()).add(i);
			}
		}
		for (List<Integer> places : versionedBySystem.values()) {
			List<Integer> newestFirst = places.stream()
					.sorted((a, b) -> VersionOrder.INSTANCE.compare(declared.get(b).getVersion(), declared.get(a).getVersion())).toList();
			for (int k = 0; k < places.size(); k++) {
				order.set(places.get(k), newestFirst.get(k));
			}
		}
		return order;
	}

	/**
	 * Whether a code is the same member whatever version of its code system it comes from (HL7's
	 * {@code versionsMatch}). A value set may say so in a {@code valueset-expansion-parameter} on its
	 * compose. Otherwise each version's code is a member of its own (a value set of two versions lists
	 * both), except in the one shape whose only sense is a difference of versions: includes and
	 * excludes all of one code system, each naming a version, none the same (include 2.0.0, exclude
	 * 1.0.0: the codes new in 2.0.0), as HL7's reference expander reads it (org.hl7.fhir.core's
	 * ValueSetExpander.checkForExclusionVersionSpecialCase).
	 */
	public static boolean versionsMatch(ValueSet valueSet) {
		String stated = ExpandOperation.compositionParameter(valueSet, "versionsMatch");
		if (stated != null) {
			return "true".equals(stated);
		}
		return versionDifference(valueSet);
	}

	/** The shape read as a difference of versions: see {@link #versionsMatch}. */
	private static boolean versionDifference(ValueSet valueSet) {
		List<ConceptSetComponent> includes = valueSet.getCompose().getInclude();
		List<ConceptSetComponent> excludes = valueSet.getCompose().getExclude();
		if (includes.isEmpty() || excludes.isEmpty()) {
			return false;
		}
		String system = includes.get(0).getSystem();
		Predicate<ConceptSetComponent> versioned = set -> system != null && system.equals(set.getSystem()) && set.hasVersion();
		return includes.stream().allMatch(versioned) && excludes.stream().allMatch(versioned)
				&& includes.stream().noneMatch(i -> excludes.stream().anyMatch(e -> e.getVersion().equals(i.getVersion())));
	}

	/** The code system versions the last {@link #expand} read, whether or not codes came of them. */
	public List<Expansion.Source> codeSystemsRead() {
		return List.copyOf(read);
	}

	/** The value sets the last {@link #expand} imported, directly or through others, in the order met. */
	public List<ValueSet> importedValueSets() {
		return List.copyOf(imported.values());
	}

	private List<ExpansionEntry> expand(ValueSet valueSet, Deque<String> path) {
		String name = valueSet.hasUrl() ? Canonical.of(valueSet)
				: valueSet.hasId() ? "#" + valueSet.getIdElement().getIdPart() : "(inline ValueSet " + System.identityHashCode(valueSet) + ")";
		if (path.contains(name)) {
			List<String> pathway = new ArrayList<>(path);
			java.util.Collections.reverse(pathway); // the deque holds the latest first
			throw TerminologyException.circular(Messages.VALUE_SET_CIRCULAR.say(name, String.join(", ", pathway)));
		}
		if (!valueSet.hasCompose()) {
			if (valueSet.hasExpansion()) {
				throw TerminologyException.notSupported("ValueSet " + name + " has no compose; expanding a ValueSet from a stored expansion is not supported");
			}
			throw TerminologyException.invalid("ValueSet " + name + " has no compose, so there is nothing to expand");
		}
		path.push(name);
		try {
			boolean acrossVersions = versionsMatch(valueSet);
			Map<String, ExpansionEntry> result = new LinkedHashMap<>();
			List<ConceptSetComponent> declared = valueSet.getCompose().getInclude();
			for (int i : includeOrder(declared)) {
				for (ExpansionEntry e : conceptSet(valueSet, declared.get(i), path, "ValueSet.compose.include[" + i + "]")) {
					result.putIfAbsent(acrossVersions ? e.key() : e.versionedKey(), e);
					if (result.size() > maxSize) {
						throw TerminologyException.tooCostly(Messages.VALUE_SET_TOO_LARGE.text(name, maxSize));
					}
				}
			}
			List<ConceptSetComponent> excludes = valueSet.getCompose().getExclude();
			for (int i = 0; i < excludes.size(); i++) {
				ConceptSetComponent exclude = excludes.get(i);
				// an exclude naming no version of its code system excludes the code whatever version an include took
				boolean anyVersion = acrossVersions || exclude.hasSystem() && !exclude.hasVersion() && !versions.forced().containsKey(exclude.getSystem());
				List<ExpansionEntry> excluded = conceptSet(valueSet, exclude, path, "ValueSet.compose.exclude[" + i + "]");
				if (anyVersion && !acrossVersions) { // the result is keyed by version: every version's entry of the code goes
					Set<String> codes = excluded.stream().map(ExpansionEntry::key).collect(Collectors.toSet());
					result.values().removeIf(e -> codes.contains(e.key()));
				} else {
					excluded.forEach(e -> result.remove(acrossVersions ? e.key() : e.versionedKey()));
				}
			}
			if (valueSet.getCompose().hasInactive() && !valueSet.getCompose().getInactive()) {
				result.values().removeIf(e -> e.concept().inactive()); // compose.inactive=false: the value set holds active codes only
			}
			return List.copyOf(result.values());
		} finally {
			path.pop();
		}
	}

	private List<ExpansionEntry> conceptSet(ValueSet owner, ConceptSetComponent set, Deque<String> path, String where) {
		List<ExpansionEntry> fromSystem = null;
		if (set.hasSystem()) {
			fromSystem = fromSystem(set, where);
		} else if (set.hasConcept() || set.hasFilter()) {
			throw TerminologyException.invalid("A ValueSet include or exclude that lists concepts or filters must name their system");
		}
		List<ExpansionEntry> result = fromSystem;
		for (CanonicalType imported : set.getValueSet()) {
			ValueSet vs = imported(owner, imported.getValue());
			if (vs.hasUrl()) {
				this.imported.putIfAbsent(Canonical.of(vs), vs);
			}
			List<ExpansionEntry> importedEntries = expand(vs, path);
			if (result == null) {
				result = importedEntries;
			} else {
				Set<String> keys = importedEntries.stream().map(ExpansionEntry::key).collect(Collectors.toSet());
				result = result.stream().filter(e -> keys.contains(e.key())).toList();
			}
		}
		return result == null ? List.of() : result;
	}

	/** An imported value set: contained in the importing one ({@code #id}) or known by its canonical URL. */
	private ValueSet imported(ValueSet owner, String reference) {
		if (reference.startsWith("#")) {
			String id = reference.substring(1);
			return owner.getContained().stream()
					.filter(r -> r instanceof ValueSet && id.equals(r.getIdElement().getIdPart().replace("#", "")))
					.map(r -> (ValueSet) r).findFirst()
					.orElseThrow(() -> TerminologyException.notFound(Messages.VALUE_SET_NOT_FOUND.say(reference,
							": the ValueSet contains no resource with id '" + id + "'")));
		}
		Canonical ref = Canonical.parse(reference);
		String pinned = ref.version() == null ? versions.valueSets().get(ref.url()) : null;
		if (pinned != null) { // the request names the version to import (default-valueset-version)
			return source.valueSet(ref.url(), pinned, null).orElseThrow(() -> new UnknownValueSetException(
					Messages.IMPORT_VERSION_NOT_FOUND.say(ref.url(), pinned), ref.url() + "|" + pinned));
		}
		return source.valueSet(ref.url(), ref.version(), versions.date()).orElseThrow(() -> TerminologyException.notFound(
				Messages.VALUE_SET_NOT_FOUND.say(ref, versions.date() == null || ref.version() != null ? "" : " in effect on " + versions.date())));
	}

	private TerminologyException unknownCodeSystem(String system, String version) {
		List<String> known = source.codeSystemVersions(system);
		if (known.isEmpty()) {
			return new UnknownCodeSystemException(Messages.CANNOT_EXPAND_UNKNOWN_SYSTEM.say(system), system, null);
		}
		return new UnknownCodeSystemException(Messages.CANNOT_EXPAND_UNKNOWN_VERSION.say(system, version == null ? "" : " version '" + version + "'",
				version == null && versions.date() != null ? " in effect on " + versions.date() : "", VersionRules.orList(known)), system, version);
	}

	private List<ExpansionEntry> fromSystem(ConceptSetComponent set, String where) {
		String system = set.getSystem();
		String version = versions.choose(system, set.hasVersion() ? set.getVersion() : null);
		CodeSystemIndex cs = source.codeSystem(system, version, versions.date()).orElseThrow(() -> unknownCodeSystem(system, version));
		read.add(new Expansion.Source(cs.url(), cs.version()));
		if (cs.isSupplement()) {
			throw TerminologyException.invalid("CodeSystem " + cs.canonical() + " is a supplement, so a value set cannot include codes from it;"
					+ " include " + cs.supplements() + " and name the supplement with the valueset-supplement extension or useSupplement");
		}
		Message rejected = versions.checkFailure(cs.url(), cs.version());
		if (rejected != null) {
			throw TerminologyException.versionRejected(rejected);
		}
		List<ExpansionEntry> entries = new ArrayList<>();
		if (set.hasConcept()) {
			for (ConceptReferenceComponent ref : set.getConcept()) {
				// codes the code system does not hold are left out, as an expansion lists only real codes
				cs.find(ref.getCode()).ifPresent(c ->
						entries.add(new ExpansionEntry(cs.url(), cs.version(), ListedConcept.of(c, ref), ref.hasDisplay() ? ref.getDisplay() : c.display(),
								version, ExpansionEntry.markIn(ref))));
			}
		} else {
			cs.concepts().forEach(c -> entries.add(new ExpansionEntry(cs.url(), cs.version(), c, c.display(), version)));
		}
		Predicate<Concept> all = c -> true;
		List<ConceptSetFilterComponent> filters = set.getFilter();
		for (int i = 0; i < filters.size(); i++) {
			try {
				all = all.and(ConceptFilter.of(filters.get(i), cs));
			} catch (TerminologyException e) {
				throw e.txType() != null ? e.at(where + ".filter[" + i + "]") : e;
			}
		}
		if (!set.hasFilter()) {
			return entries;
		}
		List<ExpansionEntry> kept = new ArrayList<>();
		for (int i = 0; i < entries.size(); i++) {
			deadline.tick(i); // a filter's cost per concept depends on the client's pattern or list
			if (all.test(entries.get(i).concept())) {
				kept.add(entries.get(i));
			}
		}
		return kept;
	}
}
