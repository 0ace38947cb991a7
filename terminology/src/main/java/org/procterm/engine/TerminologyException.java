package org.procterm.engine;

/**
 * A request the engine cannot answer because of what the client asked for. The {@link Problem}
 * tells the server which HTTP status and FHIR issue type to answer with; the message is written
 * for the person who sent the request.
 */
public class TerminologyException extends RuntimeException {

	public enum Problem {
		/** A code system, value set or code the request names does not exist here. */
		NOT_FOUND,
		/** The request itself is malformed: a missing, contradictory or badly formed parameter. */
		INVALID,
		/** The request is well formed but asks for something this server does not do. */
		NOT_SUPPORTED,
		/** Answering would cost more than the server allows (e.g. a huge expansion). */
		TOO_COSTLY,
		/** The code system version an operation would use is not one the client allows (check-system-version). */
		VERSION_REJECTED,
		/** Content sent to be stored or used breaks FHIR's rules for it: a duplicate or empty code, a hierarchy cycle. */
		INVALID_CONTENT
	}

	private final Problem problem;

	public TerminologyException(Problem problem, String message) {
		super(message);
		this.problem = problem;
	}

	public Problem problem() {
		return problem;
	}

	public static TerminologyException notFound(String message) {
		return new TerminologyException(Problem.NOT_FOUND, message);
	}

	public static TerminologyException invalid(String message) {
		return new TerminologyException(Problem.INVALID, message);
	}

	public static TerminologyException notSupported(String message) {
		return new TerminologyException(Problem.NOT_SUPPORTED, message);
	}

	public static TerminologyException versionRejected(String message) {
		return new TerminologyException(Problem.VERSION_REJECTED, message);
	}

	public static TerminologyException invalidContent(String message) {
		return new TerminologyException(Problem.INVALID_CONTENT, message);
	}

	public static TerminologyException tooCostly(String message) {
		return new TerminologyException(Problem.TOO_COSTLY, message);
	}
}
