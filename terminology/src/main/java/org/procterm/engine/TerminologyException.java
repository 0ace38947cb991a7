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
		INVALID_CONTENT,
		/** The request cannot be processed as asked: a value set that imports itself, a display language that is no language. */
		CANNOT_PROCESS
	}

	private final Problem problem;
	/** HL7's tx-issue-type of the problem, when it has one. */
	private final TxIssueType txType;
	/** Where in the content the problem is (a FHIRPath such as ValueSet.compose.include[0].filter[0]), or null. */
	private final String expression;
	/** HL7's key for the message (see {@link Message}), or null. */
	private final String messageId;

	public TerminologyException(Problem problem, String message) {
		this(problem, Message.of(message), null, null);
	}

	public TerminologyException(Problem problem, Message message) {
		this(problem, message, null, null);
	}

	private TerminologyException(Problem problem, Message message, TxIssueType txType, String expression) {
		super(message.text());
		this.problem = problem;
		this.txType = txType;
		this.expression = expression;
		this.messageId = message.id();
	}

	public String messageId() {
		return messageId;
	}

	/** The message with its HL7 key, to be told again (as an issue of a validation answer, say). */
	public Message message() {
		return new Message(messageId, getMessage());
	}

	public Problem problem() {
		return problem;
	}

	public TxIssueType txType() {
		return txType;
	}

	public String expression() {
		return expression;
	}

	/** This problem located in the content at {@code where}, unless it is located already. */
	public TerminologyException at(String where) {
		return expression != null ? this : new TerminologyException(problem, message(), txType, where);
	}

	/** A value set definition the operation cannot use (HL7's vs-invalid): a filter without a value, say. */
	public static TerminologyException invalidValueSet(String message) {
		return invalidValueSet(Message.of(message));
	}

	public static TerminologyException invalidValueSet(Message message) {
		return new TerminologyException(Problem.INVALID, message, TxIssueType.VS_INVALID, null);
	}

	/** A displayLanguage that is not a language tag or list of them (HL7's INVALID_DISPLAY_NAME: processing, invalid-display). */
	public static TerminologyException invalidDisplayLanguage(String message) {
		return invalidDisplayLanguage(Message.of(message));
	}

	public static TerminologyException invalidDisplayLanguage(Message message) {
		return new TerminologyException(Problem.CANNOT_PROCESS, message, TxIssueType.INVALID_DISPLAY, null);
	}

	/** Value sets that import one another in a circle. */
	public static TerminologyException circular(String message) {
		return circular(Message.of(message));
	}

	public static TerminologyException circular(Message message) {
		return new TerminologyException(Problem.CANNOT_PROCESS, message, TxIssueType.VS_INVALID, null);
	}

	public static TerminologyException notFound(String message) {
		return new TerminologyException(Problem.NOT_FOUND, message);
	}

	public static TerminologyException notFound(Message message) {
		return new TerminologyException(Problem.NOT_FOUND, message);
	}

	public static TerminologyException invalid(String message) {
		return new TerminologyException(Problem.INVALID, message);
	}

	public static TerminologyException invalid(Message message) {
		return new TerminologyException(Problem.INVALID, message);
	}

	public static TerminologyException notSupported(String message) {
		return new TerminologyException(Problem.NOT_SUPPORTED, message);
	}

	public static TerminologyException versionRejected(String message) {
		return new TerminologyException(Problem.VERSION_REJECTED, message);
	}

	public static TerminologyException versionRejected(Message message) {
		return new TerminologyException(Problem.VERSION_REJECTED, message);
	}

	public static TerminologyException invalidContent(String message) {
		return new TerminologyException(Problem.INVALID_CONTENT, message);
	}

	public static TerminologyException tooCostly(String message) {
		return new TerminologyException(Problem.TOO_COSTLY, message);
	}

	public static TerminologyException tooCostly(Message message) {
		return new TerminologyException(Problem.TOO_COSTLY, message);
	}
}
