package org.procterm.engine.valueset;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

import org.procterm.engine.codesystem.Concept;

/**
 * A value set's full content, in order, with an index by system and code for membership tests
 * and, built on first use, the positions of each concept for typeahead over the word index.
 * Immutable once built, except for that lazily built index.
 */
public final class Expansion {

	/** A code system version the expansion draws on (version null when the code system has none). */
	public record Source(String system, String version) {}

	private final List<ExpansionEntry> entries;
	private final Map<String, Map<String, List<ExpansionEntry>>> byKey;
	private final Set<Source> sources;
	private volatile Map<Concept, int[]> positions;

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

	/** Where {@code concept} (the very instance a code system index holds) appears in {@link #entries()}; empty if absent. */
	public int[] positionsOf(Concept concept) {
		Map<Concept, int[]> p = positions;
		if (p == null) {
			p = new IdentityHashMap<>(entries.size() * 2);
			for (int i = 0; i < entries.size(); i++) {
				int at = i;
				p.merge(entries.get(i).concept(), new int[] {at}, (a, b) -> {
					int[] both = java.util.Arrays.copyOf(a, a.length + 1);
					both[a.length] = b[0];
					return both;
				});
			}
			positions = p;
		}
		return p.getOrDefault(concept, NONE);
	}

	private static final int[] NONE = new int[0];
}
