package org.procterm.provider;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.procterm.engine.TerminologyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;

/**
 * Turns the engine's {@link TerminologyException} into the HTTP status and OperationOutcome a client
 * expects, wherever in a request it was thrown (HAPI wraps exceptions from operation methods, so the
 * cause chain is searched).
 */
@Interceptor
public class OperationErrors {

	private static final Logger log = LoggerFactory.getLogger(OperationErrors.class);

	@Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
	public BaseServerResponseException translate(Throwable thrown) {
		for (Throwable t = thrown; t != null; t = t.getCause()) {
			if (t instanceof TerminologyException te) {
				return toResponse(te);
			}
			if (t instanceof BaseServerResponseException answer && answer.getStatusCode() < 500 && t != thrown) {
				BaseServerResponseException clean = scrubbed(answer); // a client error raised deep inside a call HAPI wrapped as a 500
				return clean == null ? answer : clean;
			}
			if (t instanceof org.procterm.store.FhirStore.NotOpenException notOpen) {
				return storeNotOpen(notOpen.failed());
			}
			if (t instanceof com.github.dnault.xmlpatch.PatchException) {
				String message = "The patch cannot be applied to the resource: " + t.getMessage();
				return new UnprocessableEntityException(message, outcome(OperationOutcome.IssueType.PROCESSING, message));
			}
			// a value the schema refuses (too long: SQLState 22001, or another constraint) is the content's fault;
			// any other database failure (connection, lock, disk) is the server's, and is logged below
			if (t instanceof org.springframework.dao.DataIntegrityViolationException
					|| t instanceof java.sql.SQLException sql && sql.getSQLState() != null && (sql.getSQLState().startsWith("22")
							|| sql.getSQLState().startsWith("23"))) {
				String message = "The resource holds a value the database cannot store (for example a url over "
						+ org.procterm.store.StoredContentRules.MAX_URL + " characters); shorten it";
				return new UnprocessableEntityException(message, outcome(OperationOutcome.IssueType.TOOLONG, message));
			}
			if (t instanceof java.nio.charset.UnsupportedCharsetException || t instanceof java.nio.charset.IllegalCharsetNameException) {
				String message = "The request names a charset this server does not know; send UTF-8";
				return new InvalidRequestException(message, outcome(OperationOutcome.IssueType.NOTSUPPORTED, message));
			}
		}
		BaseServerResponseException malformed = malformedParameter(thrown);
		if (malformed != null) {
			return malformed;
		}
		java.util.regex.Matcher unknownType = thrown instanceof ResourceNotFoundException && thrown.getMessage() != null
				? UNKNOWN_TYPE.matcher(thrown.getMessage()) : null;
		if (unknownType != null && unknownType.find()) {
			String message = "This server does not store resources of type '" + unknownType.group(1) + "': it keeps terminology and "
					+ "knowledge resources (CodeSystem, ValueSet, ConceptMap, PlanDefinition, Library...; the CapabilityStatement at "
					+ "/metadata lists them). An operator can add types with the setting store.resource-types";
			return new ResourceNotFoundException(message, outcome(OperationOutcome.IssueType.NOTSUPPORTED, message));
		}
		if (thrown instanceof BaseServerResponseException answer && answer.getStatusCode() < 500) {
			return scrubbed(answer);
		}
		return internal(thrown);
	}

	/** A request that needs HAPI's store while a start is still opening it (see FhirStore). */
	private static BaseServerResponseException storeNotOpen(boolean failed) {
		String message = failed ? org.procterm.http.ErrorBodies.START_FAILED : org.procterm.http.ErrorBodies.STORE_NOT_OPEN;
		var answer = new ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException(503, message,
				outcome(failed ? OperationOutcome.IssueType.EXCEPTION : OperationOutcome.IssueType.TRANSIENT, message));
		if (!failed) { // a server that failed to start is stopping: retrying it will not help
			answer.addResponseHeader("Retry-After", org.procterm.http.ErrorBodies.STORE_RETRY_AFTER_SECONDS);
		}
		return answer;
	}

	/** HAPI's answer to a path naming a resource type it has no provider for (HAPI-0302). */
	private static final java.util.regex.Pattern UNKNOWN_TYPE = java.util.regex.Pattern.compile("HAPI-0302: Unknown resource type '([^']{1,64})'");

	/** A Java class name in a message, as HAPI's parser quotes the exception it caught ("java.lang.NumberFormatException: "). */
	private static final java.util.regex.Pattern CLASS_NAME = java.util.regex.Pattern.compile(
			"(?:[a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)(?::\\s*)?");

	/** A client error as HAPI worded it, without the Java class names some of HAPI's messages quote; null leaves it as it is. */
	private static BaseServerResponseException scrubbed(BaseServerResponseException answer) {
		String message = answer.getMessage();
		if (message == null || !CLASS_NAME.matcher(message).find()) {
			return null;
		}
		String clean = CLASS_NAME.matcher(message).replaceAll("");
		return new ClientError(answer.getStatusCode(), clean);
	}

	/** A 4xx answer re-worded. */
	private static final class ClientError extends BaseServerResponseException {
		ClientError(int status, String message) {
			super(status, message, outcome(status == 404 ? OperationOutcome.IssueType.NOTFOUND : OperationOutcome.IssueType.INVALID, message));
		}
	}

	/**
	 * A failure on the server's side: logged whole under an id, answered with that id and nothing
	 * else, so no class name, SQL, file path or stack frame reaches the client.
	 */
	private static BaseServerResponseException internal(Throwable thrown) {
		String id = java.util.UUID.randomUUID().toString().substring(0, 8);
		log.error("request failed, error id {}", id, thrown);
		String message = "The server could not answer this request. Its operator can find the cause in the log under error id " + id;
		int status = thrown instanceof BaseServerResponseException answer ? answer.getStatusCode() : 500;
		ca.uhn.fhir.rest.server.exceptions.InternalErrorException e = new ca.uhn.fhir.rest.server.exceptions.InternalErrorException(message,
				outcome(OperationOutcome.IssueType.EXCEPTION, message));
		return status == 500 ? e : new UnclassifiedServerFailure(status, message);
	}

	/** A 5xx other than 500 (such as 501 or 503), kept with its status and a clean message. */
	private static final class UnclassifiedServerFailure extends BaseServerResponseException {
		UnclassifiedServerFailure(int status, String message) {
			super(status, message, outcome(OperationOutcome.IssueType.EXCEPTION, message));
		}
	}

	/**
	 * HAPI 8.8 binds a malformed primitive in a query (e.g. {@code count=ten}) by letting the
	 * NumberFormatException escape, which it then answers as a 500. It is the client's mistake: 400.
	 */
	private static BaseServerResponseException malformedParameter(Throwable thrown) {
		for (Throwable t = thrown; t != null; t = t.getCause()) {
			boolean badValue = t instanceof NumberFormatException || t instanceof DataFormatException;
			if (badValue && whileBindingParameters(t)) {
				String message = malformedMessage(t);
				return new InvalidRequestException(message, outcome(OperationOutcome.IssueType.INVALID, message));
			}
		}
		return null; // not ours: HAPI's default handling applies
	}

	/** In words a person can act on: Java's "For input string: \"ten\"" becomes the value and what to send instead. */
	private static String malformedMessage(Throwable t) {
		java.util.regex.Matcher number = java.util.regex.Pattern.compile("^For input string: \"(.*)\"").matcher(String.valueOf(t.getMessage()));
		if (t instanceof NumberFormatException && number.find()) {
			return "A parameter that takes a whole number has the value '" + number.group(1) + "'; send digits, e.g. count=10";
		}
		return "A parameter has a malformed value (" + t.getMessage() + "); check the types the operation expects";
	}

	private static boolean whileBindingParameters(Throwable t) {
		for (StackTraceElement frame : t.getStackTrace()) {
			if (frame.getClassName().startsWith("ca.uhn.fhir.rest.server.method.")) {
				return true;
			}
		}
		return false;
	}

	public static BaseServerResponseException toResponse(TerminologyException e) {
		String message = e.getMessage();
		BaseServerResponseException answer = switch (e.problem()) {
			case NOT_FOUND -> new ResourceNotFoundException(message, withTxType(outcome(OperationOutcome.IssueType.NOTFOUND, message), "not-found"));
			case INVALID -> new InvalidRequestException(message, outcome(OperationOutcome.IssueType.INVALID, message));
			case CANNOT_PROCESS -> new InvalidRequestException(message, outcome(OperationOutcome.IssueType.PROCESSING, message));
			case NOT_SUPPORTED -> new InvalidRequestException(message, outcome(OperationOutcome.IssueType.NOTSUPPORTED, message));
			case TOO_COSTLY -> new UnprocessableEntityException(message, outcome(OperationOutcome.IssueType.TOOCOSTLY, message));
			case INVALID_CONTENT -> new UnprocessableEntityException(message, outcome(OperationOutcome.IssueType.BUSINESSRULE, message));
			case VERSION_REJECTED -> new InvalidRequestException(message,
					withTxType(outcome(OperationOutcome.IssueType.EXCEPTION, message), "version-error"));
		};
		OperationOutcome oo = (OperationOutcome) answer.getOperationOutcome();
		if (e.txType() != null && !oo.getIssueFirstRep().getDetails().hasCoding()) {
			withTxType(oo, e.txType().code());
		}
		if (e.expression() != null) { // where in the content, as FHIRPath (R4 deprecates location)
			oo.getIssueFirstRep().addExpression(e.expression());
		}
		if (e.messageId() != null) {
			oo.getIssueFirstRep().addExtension(ResultParameters.MESSAGE_ID, new org.hl7.fhir.r4.model.StringType(e.messageId()));
		}
		return answer;
	}

	/** Names the issue in HL7's terminology issue types too, which terminology clients and testers read. */
	private static OperationOutcome withTxType(OperationOutcome oo, String txType) {
		oo.getIssueFirstRep().getDetails().addCoding().setSystem(ResultParameters.TX_ISSUE_TYPE).setCode(txType);
		return oo;
	}

	/** An error OperationOutcome whose issue type a client can act on, with the message as text and diagnostics. */
	public static OperationOutcome outcome(OperationOutcome.IssueType type, String message) {
		OperationOutcome oo = new OperationOutcome();
		oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type).setDiagnostics(message)
				.getDetails().setText(message);
		return oo;
	}
}
