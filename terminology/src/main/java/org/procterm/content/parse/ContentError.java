package org.procterm.content.parse;

/** One problem in an authored file, located for the writer: {@code file:line: what is wrong}. */
public record ContentError(String file, int line, String message) {

	@Override
	public String toString() {
		return file + ":" + line + ": " + message;
	}
}
