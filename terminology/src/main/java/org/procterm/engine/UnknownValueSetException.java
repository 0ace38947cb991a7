package org.procterm.engine;

/**
 * A value set that another imports, at the version a request pinned it to
 * ({@code default-valueset-version}), is not held. An expansion says the import failed; a
 * validation says which value set it could not find, as HL7's reference server words each.
 */
public final class UnknownValueSetException extends TerminologyException {

	private final String canonical;

	public UnknownValueSetException(Message message, String canonical) {
		super(Problem.NOT_FOUND, message);
		this.canonical = canonical;
	}

	/** The value set not found, {@code url|version}. */
	public String canonical() {
		return canonical;
	}
}
