package org.procterm.engine;

/**
 * A code system, or the version of it that a value set names, is not held here. It names what is
 * missing, so that {@code $validate-code} can still judge a coding against the code system and say
 * which version it lacked, rather than only that the value set could not be worked out.
 */
public final class UnknownCodeSystemException extends TerminologyException {

	private final String system;
	private final String version;

	public UnknownCodeSystemException(Message message, String system, String version) {
		super(Problem.NOT_FOUND, message);
		this.system = system;
		this.version = version;
	}

	public String system() {
		return system;
	}

	/** The version that was asked for, or null when no version of the system is held. */
	public String version() {
		return version;
	}
}
