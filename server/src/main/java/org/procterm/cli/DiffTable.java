package org.procterm.cli;

import org.procterm.engine.codesystem.CodeSystemDiff;

/** A code system diff as a plain-text table for the terminal. */
final class DiffTable {

	private DiffTable() {}

	static String render(CodeSystemDiff diff) {
		StringBuilder out = new StringBuilder();
		out.append(diff.url()).append(' ').append(diff.fromVersion()).append(" -> ").append(diff.toVersion()).append(": ")
				.append(diff.added().size()).append(" added, ").append(diff.deleted().size()).append(" deleted, ")
				.append(diff.revised().size()).append(" revised\n");
		if (diff.added().isEmpty() && diff.deleted().isEmpty() && diff.revised().isEmpty()) {
			return out.append("No differences.").toString();
		}
		out.append(String.format("%n%-8s %-8s %s%n", "CHANGE", "CODE", "WHAT"));
		diff.added().forEach(a -> row(out, "added", a.code(), a.display()));
		diff.deleted().forEach(d -> row(out, "deleted", d.code(), d.display()));
		for (CodeSystemDiff.Revised r : diff.revised()) {
			boolean first = true;
			for (CodeSystemDiff.Change c : r.changes()) {
				row(out, first ? "revised" : "", first ? r.code() : "",
						c.descriptor() + ": " + quoted(c.before()) + " -> " + quoted(c.after()));
				first = false;
			}
		}
		return out.toString().stripTrailing();
	}

	private static void row(StringBuilder out, String change, String code, String what) {
		out.append(String.format("%-8s %-8s %s%n", change, code, what));
	}

	private static String quoted(String text) {
		return text == null ? "(none)" : "\"" + text + "\"";
	}
}
