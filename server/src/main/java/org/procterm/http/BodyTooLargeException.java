package org.procterm.http;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.procterm.config.RequestLimits;
import org.procterm.provider.OperationErrors;

import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;

/** Thrown while a body is read, the moment its decoded size passes the limit: HAPI answers it as 413. */
public final class BodyTooLargeException extends PayloadTooLargeException {

	public BodyTooLargeException(long limit, String what, String setting) {
		this(message(limit, what, setting));
	}

	private BodyTooLargeException(String message) {
		super(message, OperationErrors.outcome(OperationOutcome.IssueType.TOOLONG, message));
	}

	static String message(long limit, String what, String setting) {
		return "The request body is larger than " + RequestLimits.describe(limit) + " (after decompression), the most this server accepts for "
				+ what + " (setting " + setting + ")";
	}
}
