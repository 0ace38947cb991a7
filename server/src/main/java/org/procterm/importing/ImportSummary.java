package org.procterm.importing;

import org.procterm.store.CodeSystemContentStore;

/**
 * What an import did. {@code counts} is filled for a CPT release (codes, designations, modifiers,
 * deleted codes kept as inactive); {@code unchanged} is true when the same content was already there.
 */
public record ImportSummary(String resourceId, String url, String version, int concepts, Counts counts, boolean unchanged,
		double seconds) {

	public record Counts(int codes, int designations, int modifiers, int inactive) {}

	static ImportSummary imported(String id, String url, String version, int concepts, Counts counts, double seconds) {
		return new ImportSummary(id, url, version, concepts, counts, false, seconds);
	}

	static ImportSummary unchanged(CodeSystemContentStore.Entry stored, double seconds) {
		return new ImportSummary(stored.resourceId(), stored.url(), stored.version(), stored.concepts(), null, true, seconds);
	}

	/** One paragraph for a person at a terminal. */
	public String describe() {
		String what = url + (version == null ? "" : " version " + version) + " (CodeSystem/" + resourceId + ")";
		if (unchanged) {
			return "Already imported, nothing changed: " + what + " with " + concepts + " concepts.";
		}
		StringBuilder s = new StringBuilder("Imported " + what + " in " + String.format(java.util.Locale.ROOT, "%.1f", seconds) + " s: "
				+ concepts + " concepts");
		if (counts != null) {
			s.append(" (").append(count(counts.codes(), "code", "codes")).append(", ")
					.append(count(counts.designations(), "designation", "designations")).append(", ")
					.append(count(counts.modifiers(), "modifier", "modifiers")).append(", ")
					.append(count(counts.inactive(), "inactive deleted code", "inactive deleted codes")).append(')');
		}
		return s.append('.').toString();
	}

	private static String count(long n, String one, String many) {
		return n + " " + (n == 1 ? one : many);
	}
}
