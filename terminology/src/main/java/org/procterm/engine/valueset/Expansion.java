package org.procterm.engine.valueset;

import java.util.HashMap;
import java.util.IdentityHashMap;
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
	private final Map<String, Map<String, List<ExpansionEntry>>> byKey;
	private final Set<Source> sources;
	private final Map<CodeSystemIndex, int[]> positions = new IdentityHashMap<>();

	private Expansion(List<ExpansionEntry> entries, Map<String, Map<String, List<ExpansionEntry>>> byKey, Set<Source> sources) {
		this.entries = entries;
		this.byKey = byKey;
		this.sources = sources;
	}

	public static Expansion of(List<ExpansionEntry> entries) {
		Set<Source> sources = new LinkedHashSet<>();
		// by system, then by code: no "system|code" string per entry, which for a million codes is 100 MB
		Map<String, Map<String, List<ExpansionEntry>>> bySystem = new HashMap<>();
		for (ExpansionEntry e : entries) {
			sources.add(new Source(e.system(), e.version()));
			bySystem.computeIfAbsent(e.system(), k -> new HashMap<>())
					.merge(e.concept().code(), List.of(e), (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList());
		}
		return new Expansion(List.copyOf(entries), bySystem, Set.copyOf(sources));
	}

	public Set<Source> sources() {
		return sources;
	}

	public List<ExpansionEntry> entries() {
		return entries;
	}

	public List<ExpansionEntry> find(String system, String code) {
		return byKey.getOrDefault(system, Map.of()).getOrDefault(code, List.of());
	}

	/**
	 * The expansion position of each concept of {@code cs}, indexed by its ordinal (-1: not in the
	 * expansion). Worked out once per code system and kept, so typeahead maps a match to its place
	 * with one array read.
	 */
	public int[] positionsIn(CodeSystemIndex cs) {
		synchronized (positions) {
			return positions.computeIfAbsent(cs, k -> {
				int[] at = new int[cs.size()];
				java.util.Arrays.fill(at, -1);
				for (int i = 0; i < entries.size(); i++) {
					int ordinal = cs.ordinalOf(entries.get(i).concept());
					if (ordinal >= 0 && at[ordinal] < 0) {
						at[ordinal] = i;
					}
				}
				return at;
			});
		}
	}
}
