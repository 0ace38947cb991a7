package org.procterm.engine.codesystem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What changed between two versions of one code system: codes added, codes deleted (gone, or
 * inactive now), and codes whose texts were revised, each revision naming the descriptor that
 * changed (the display, or a designation by its use code, e.g. {@code short} or {@code consumer}).
 */
public record CodeSystemDiff(String url, String fromVersion, String toVersion, List<Added> added, List<Deleted> deleted,
		List<Revised> revised) {

	public record Added(String code, String display) {}

	public record Deleted(String code, String display) {}

	public record Change(String descriptor, String before, String after) {}

	public record Revised(String code, List<Change> changes) {}

	public static final String DISPLAY = "display";

	public static CodeSystemDiff between(CodeSystemIndex from, CodeSystemIndex to) {
		List<Added> added = new ArrayList<>();
		List<Deleted> deleted = new ArrayList<>();
		List<Revised> revised = new ArrayList<>();
		for (String code : new TreeSet<>(allCodes(from, to))) {
			Concept before = from.find(code).filter(c -> !c.inactive()).orElse(null);
			Concept after = to.find(code).filter(c -> !c.inactive()).orElse(null);
			if (before == null && after != null) {
				added.add(new Added(code, after.display()));
			} else if (before != null && after == null) {
				deleted.add(new Deleted(code, before.display()));
			} else if (before != null) {
				List<Change> changes = changes(before, after);
				if (!changes.isEmpty()) {
					revised.add(new Revised(code, changes));
				}
			}
		}
		return new CodeSystemDiff(to.url(), from.version(), to.version(), added, deleted, revised);
	}

	private static List<String> allCodes(CodeSystemIndex from, CodeSystemIndex to) {
		List<String> codes = new ArrayList<>();
		from.concepts().forEach(c -> codes.add(c.code()));
		to.concepts().forEach(c -> codes.add(c.code()));
		return codes;
	}

	private static List<Change> changes(Concept before, Concept after) {
		List<Change> changes = new ArrayList<>();
		if (!Objects.equals(before.display(), after.display())) {
			changes.add(new Change(DISPLAY, before.display(), after.display()));
		}
		Map<String, String> was = texts(before);
		Map<String, String> now = texts(after);
		TreeSet<String> descriptors = new TreeSet<>(was.keySet());
		descriptors.addAll(now.keySet());
		for (String d : descriptors) {
			if (!Objects.equals(was.get(d), now.get(d))) {
				changes.add(new Change(d, was.get(d), now.get(d)));
			}
		}
		return changes;
	}

	/** Designation texts by use code (with the language when not English); several texts of one use are joined. */
	private static Map<String, String> texts(Concept concept) {
		Map<String, String> texts = new TreeMap<>();
		for (Designation d : concept.designations()) {
			String use = d.use() == null ? "designation" : d.use().getCode();
			String key = d.language() == null || d.language().startsWith("en") ? use : use + "@" + d.language();
			texts.merge(key, d.value(), (a, b) -> a + " | " + b);
		}
		return texts;
	}
}
