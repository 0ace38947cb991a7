package org.procterm.provider;

import java.util.Map;

import org.hl7.fhir.r4.model.OperationOutcome;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;

/**
 * Paging parameters of searches checked before HAPI's JPA layer sees them: HAPI 8.8 turns a
 * negative or enormous {@code _offset} into a database error answered as 500.
 */
@Interceptor
public class SearchBounds {

	static final int MAX_OFFSET = 100_000;
	static final int MAX_COUNT = 10_000;

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public boolean check(RequestDetails request) {
		Map<String, String[]> parameters = request.getParameters();
		bounded(parameters, "_offset", MAX_OFFSET, "page further with the 'next' link instead");
		bounded(parameters, "_count", MAX_COUNT, "ask for fewer results per page");
		return true;
	}

	private static void bounded(Map<String, String[]> parameters, String name, int max, String advice) {
		String[] values = parameters == null ? null : parameters.get(name);
		if (values == null) {
			return;
		}
		for (String value : values) {
			long n;
			try {
				n = Long.parseLong(value.trim());
			} catch (NumberFormatException e) {
				throw invalid("The parameter " + name + " must be a whole number, not '" + value + "'");
			}
			if (n < 0 || n > max) {
				throw invalid("The parameter " + name + " must be between 0 and " + max + ", not " + value + "; " + advice);
			}
		}
	}

	private static InvalidRequestException invalid(String message) {
		return new InvalidRequestException(message, OperationErrors.outcome(OperationOutcome.IssueType.INVALID, message));
	}
}
