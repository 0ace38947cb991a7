package org.procterm.provider;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.procterm.engine.TerminologyException;

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

	@Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
	public BaseServerResponseException translate(Throwable thrown) {
		for (Throwable t = thrown; t != null; t = t.getCause()) {
			if (t instanceof TerminologyException te) {
				return toResponse(te);
			}
		}
		return malformedParameter(thrown);
	}

	/**
	 * HAPI 8.8 binds a malformed primitive in a query (e.g. {@code count=ten}) by letting the
	 * NumberFormatException escape, which it then answers as a 500. It is the client's mistake: 400.
	 */
	private static BaseServerResponseException malformedParameter(Throwable thrown) {
		for (Throwable t = thrown; t != null; t = t.getCause()) {
			boolean badValue = t instanceof NumberFormatException || t instanceof DataFormatException;
			if (badValue && whileBindingParameters(t)) {
				String message = "A parameter has a malformed value (" + t.getMessage() + "); check the types the operation expects";
				return new InvalidRequestException(message, outcome(OperationOutcome.IssueType.INVALID, message));
			}
		}
		return null; // not ours: HAPI's default handling applies
	}

	private static boolean whileBindingParameters(Throwable t) {
		for (StackTraceElement frame : t.getStackTrace()) {
			if (frame.getClassName().startsWith("ca.uhn.fhir.rest.server.method.")) {
				return true;
			}
		}
		return false;
	}

	static BaseServerResponseException toResponse(TerminologyException e) {
		String message = e.getMessage();
		return switch (e.problem()) {
			case NOT_FOUND -> new ResourceNotFoundException(message, withTxType(outcome(OperationOutcome.IssueType.NOTFOUND, message), "not-found"));
			case INVALID -> new InvalidRequestException(message, outcome(OperationOutcome.IssueType.INVALID, message));
			case NOT_SUPPORTED -> new InvalidRequestException(message, outcome(OperationOutcome.IssueType.NOTSUPPORTED, message));
			case TOO_COSTLY -> new UnprocessableEntityException(message, outcome(OperationOutcome.IssueType.TOOCOSTLY, message));
			case VERSION_REJECTED -> new InvalidRequestException(message,
					withTxType(outcome(OperationOutcome.IssueType.EXCEPTION, message), "version-error"));
		};
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
