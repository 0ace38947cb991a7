package org.procterm.content.cpt;

/** One thing wrong in a release file, where a person can find it: {@code MEDU.txt:12: ...}. */
public record ReleaseProblem(String file, int line, String message) {

	@Override
	public String toString() {
		return file + (line > 0 ? ":" + line : "") + ": " + message;
	}
}
