package org.procterm.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.hl7.fhir.r4.model.OperationOutcome;

import ca.uhn.fhir.context.FhirContext;

/**
 * Every error procterm answers outside HAPI (Jetty's own refusals, the request guard) as a FHIR
 * OperationOutcome, in JSON or, when the client asks for it, XML; and the one place their wording lives.
 */
public final class ErrorBodies {

	public static final String FHIR_JSON = "application/fhir+json; charset=utf-8";
	public static final String FHIR_XML = "application/fhir+xml; charset=utf-8";

	/** A request held while a restart opens the FHIR store, for longer than the server waits. */
	public static final String STORE_OPENING = "procterm is starting: this request needs its FHIR store, which is not open yet. "
			+ "Already answered: " + FhirOperation.answeredByEngineList() + " on the CodeSystem or ValueSet type. "
			+ "Retry this request in a few seconds";
	/** A request held while a start has not yet loaded what it serves, for longer than the server waits. */
	public static final String STARTING = "procterm is starting. Retry this request in a few seconds";
	/** A request held during a start when the server is stopped. */
	public static final String STOPPING = "procterm is stopping. Send this request again: to another node, or to this one once it is back";
	/** A request during a start that failed: the server is stopping. */
	public static final String START_FAILED = "procterm failed to start and is stopping; its log says why";
	/** A request that needs the FHIR store while it is not open (StoreGate holds most before they get this far). */
	public static final String STORE_NOT_OPEN = "procterm is starting: this request needs its FHIR store, which is not open yet. "
			+ "Retry this request in a few seconds";
	public static final String STORE_RETRY_AFTER_SECONDS = "5";

	private final FhirContext fhir;

	public ErrorBodies(FhirContext fhir) {
		this.fhir = fhir;
	}

	/** A body and its content type. */
	public record Body(String contentType, byte[] bytes) {}

	public Body outcome(int status, String message, String accept) {
		OperationOutcome oo = new OperationOutcome();
		oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(issueType(status)).setDiagnostics(message)
				.getDetails().setText(message);
		boolean xml = accept != null && accept.toLowerCase(Locale.ROOT).contains("xml") && !accept.toLowerCase(Locale.ROOT).contains("json");
		String text = xml ? fhir.newXmlParser().encodeResourceToString(oo) : fhir.newJsonParser().encodeResourceToString(oo);
		return new Body(xml ? FHIR_XML : FHIR_JSON, text.getBytes(StandardCharsets.UTF_8));
	}

	/** Answers {@code request} with an OperationOutcome of {@code status} carrying {@code message}, never stored by caches. */
	public void send(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response, int status,
			String message) throws java.io.IOException {
		Body body = outcome(status, message, request.getHeader("Accept"));
		response.setStatus(status);
		response.setContentType(body.contentType());
		response.setHeader("Cache-Control", "no-store");
		response.setContentLength(body.bytes().length);
		response.getOutputStream().write(body.bytes());
	}

	/**
	 * What Jetty's own refusals mean for the person who sent the request. Jetty's reason phrases can
	 * quote the request back; these never do, and they say what to change.
	 */
	public static String jettyMessage(int status) {
		return switch (status) {
			case 400 -> "The request is malformed (its request line, a header, or an encoded character in the path); check the URL and headers";
			case 404 -> "Nothing is served at this address; the FHIR API is under /fhir";
			case 405 -> "This HTTP method is not allowed here";
			case 408 -> "The request took too long to arrive";
			case 413 -> "The request body is too large";
			case 414 -> "The URL is too long; send long parameters in a POST body (Parameters resource) instead";
			case 415 -> "The request body's type is not supported; send application/fhir+json or application/fhir+xml";
			case 431 -> "The request headers are too large";
			case 501 -> "This HTTP method is not supported; use GET, POST, PUT, PATCH or DELETE";
			case 505 -> "This HTTP version is not supported; use HTTP/1.1 or HTTP/2";
			default -> status >= 500 ? "The server could not answer this request" : "The request cannot be answered (HTTP " + status + ")";
		};
	}

	static OperationOutcome.IssueType issueType(int status) {
		return switch (status) {
			case 401 -> OperationOutcome.IssueType.LOGIN;
			case 403 -> OperationOutcome.IssueType.FORBIDDEN;
			case 404 -> OperationOutcome.IssueType.NOTFOUND;
			case 405, 501 -> OperationOutcome.IssueType.NOTSUPPORTED;
			case 408 -> OperationOutcome.IssueType.TIMEOUT;
			case 413, 414, 431 -> OperationOutcome.IssueType.TOOLONG;
			case 422 -> OperationOutcome.IssueType.BUSINESSRULE;
			case 503 -> OperationOutcome.IssueType.TRANSIENT;
			default -> status >= 500 ? OperationOutcome.IssueType.EXCEPTION : OperationOutcome.IssueType.INVALID;
		};
	}
}
