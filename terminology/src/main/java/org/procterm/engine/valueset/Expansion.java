package org.procterm.engine.valueset;

import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.procterm.engine.codesystem.CodeSystemIndex;

/**
 * A value set's full content, in order, with an index by system and code for membership tests
 * and, built on first use per code system, the position of each of its concepts for typeahead.
 * Immutable once built, except for that lazily built index.
 */
public final class Expansion {

	/** A code system version the expansion draws on (version null when the code system has none). */
	public record Source(String system, String version) {}

	private final List<ExpansionEntry> entries;
	/** By system, then code: one ExpansionEntry, or a List of them for a code listed more than once (rare, so not a list per code). */
	private final Map<String, Map<String, Object>> byKey;
	private final Set<Source> sources;
	/** The code system versions the value set was worked out from: those of its codes, and any read for none (an exclude, a filter matching nothing). */
	private final Set<Source> used;
	/** The sources the value set names a version (or pattern) for; the others take the latest or a default. */
	private final Set<Source> pinned;
	/** The value sets this one imports (compose.include.valueSet), directly or through others. */
	private final List<org.hl7.fhir.r4.model.ValueSet> imports;
	/** Keyed by identity: CodeSystemIndex keeps Object's equals. */
	private final Map<CodeSystemIndex, Placement> placements = new java.util.concurrent.ConcurrentHashMap<>();

	private Expansion(List<ExpansionEntry> entries, Map<String, Map<String, Object>> byKey, Set<Source> sources, Set<Source> used,
			Set<Source> pinned, List<org.hl7.fhir.r4.model.ValueSet> imports) {
		this.entries = entries;
		this.used = used;
		this.imports = imports;
		this.byKey = byKey;
		this.sources = sources;
		this.pinned = pinned;
	}

	public static Expansion of(List<ExpansionEntry> entries) {
		return of(entries, List.of());
	}

	/** The expansion of {@code entries}, drawn in part from the value sets {@code imports}. */
	public static Expansion of(List<ExpansionEntry> entries, List<org.hl7.fhir.r4.model.ValueSet> imports) {
		return of(entries, imports, List.of());
	}

	/** As above, worked out from the code system versions {@code read} (in the order read), whether or not codes came of them. */
	public static Expansion of(List<ExpansionEntry> entries, List<org.hl7.fhir.r4.model.ValueSet> imports, java.util.Collection<Source> read) {
		Set<Source> sources = new LinkedHashSet<>();
		Set<Source> pinned = new java.util.HashSet<>();
		// by system, then by code: no "system|code" string per entry, which for a million codes is 100 MB
		Map<String, Map<String, Object>> bySystem = new HashMap<>();
		for (ExpansionEntry e : entries) {
			Source source = new Source(e.system(), e.version());
			sources.add(source);
			if (e.statedVersion() != null) {
				pinned.add(source);
			}
			bySystem.computeIfAbsent(e.system(), k -> new HashMap<>())
					.merge(e.concept().code(), e, (a, b) -> java.util.stream.Stream.concat(listOf(a).stream(), listOf(b).stream()).toList());
		}
		Set<Source> used = new LinkedHashSet<>(read);
		used.addAll(sources);
		return new Expansion(List.copyOf(entries), bySystem, java.util.Collections.unmodifiableSet(sources),
				java.util.Collections.unmodifiableSet(used), Set.copyOf(pinned), List.copyOf(imports));
	}

	/** Whether the value set named the version of {@code source} (rather than taking the latest or a default). */
	public boolean pinned(Source source) {
		return pinned.contains(source);
	}

	public List<org.hl7.fhir.r4.model.ValueSet> imports() {
		return imports;
	}

	public Set<Source> sources() {
		return sources;
	}

	/** Every code system version the value set was worked out from, as an expansion's used-codesystem names them. */
	public Set<Source> used() {
		return used;
	}

	public List<ExpansionEntry> entries() {
		return entries;
	}

	public List<ExpansionEntry> find(String system, String code) {
		Map<String, Object> codes = byKey.get(system);
		return codes == null ? List.of() : listOf(codes.get(code));
	}

	@SuppressWarnings("unchecked")
	private static List<ExpansionEntry> listOf(Object found) {
		if (found == null) {
			return List.of();
		}
		return found instanceof ExpansionEntry e ? List.of(e) : (List<ExpansionEntry>) found;
	}

	/**
	 * Where the concepts of one code system sit in an expansion.
	 *
	 * @param positions the expansion position of each concept, indexed by ordinal (-1: not in the expansion)
	 * @param members the ordinals of the concepts in the expansion; shared, so callers must not change it
	 * @param inOrder whether positions rise with ordinals, so walking members in ordinal order walks the expansion in order
	 */
	public record Placement(int[] positions, BitSet members, boolean inOrder) {}

	/**
	 * The placement of {@code cs}'s concepts, worked out once per code system and kept, so typeahead
	 * maps a match to its place with one array read, or with none when the expansion keeps the code
	 * system's own order.
	 */
	public Placement placementIn(CodeSystemIndex cs) {
		Placement known = placements.get(cs); // every typeahead call asks: a plain read, no lock, once it is built
		return known != null ? known : placements.computeIfAbsent(cs, this::place);
	}

	private Placement place(CodeSystemIndex cs) {
		int[] at = new int[cs.size()];
		java.util.Arrays.fill(at, -1);
		BitSet members = new BitSet(cs.size());
		boolean inOrder = true;
		int lastOrdinal = -1;
		for (int i = 0; i < entries.size(); i++) {
			ExpansionEntry e = entries.get(i);
			if (!e.system().equals(cs.url()) || !java.util.Objects.equals(e.version(), cs.version())) {
				continue; // another code system, or another version of it (a value set may list several)
			}
			int ordinal = cs.ordinalOf(e.concept());
			if (ordinal >= 0 && at[ordinal] < 0) {
				at[ordinal] = i;
				members.set(ordinal);
				inOrder &= ordinal > lastOrdinal;
				lastOrdinal = ordinal;
			}
		}
		return new Placement(at, members, inOrder);
	}
}
