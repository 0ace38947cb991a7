package org.procterm.engine.valueset;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A value set's full content, in order, with an index by system and code for membership tests. */
public record Expansion(List<ExpansionEntry> entries, Map<String, List<ExpansionEntry>> byKey) {

	public static Expansion of(List<ExpansionEntry> entries) {
		return new Expansion(List.copyOf(entries),
				Map.copyOf(entries.stream().collect(Collectors.groupingBy(ExpansionEntry::key))));
	}

	public List<ExpansionEntry> find(String system, String code) {
		return byKey.getOrDefault(system + "|" + code, List.of());
	}
}
