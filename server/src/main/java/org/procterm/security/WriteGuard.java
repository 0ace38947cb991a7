package org.procterm.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.Set;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.procterm.http.FhirOperation;
import org.procterm.provider.OperationErrors;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;

/**
 * Reads are open; everything else needs {@code Authorization: Bearer <admin token>}. The decision
 * is one look at the operation type per request. HAPI's AuthorizationInterceptor could express the
 * same rules, but it also inspects every resource of every response, a cost we would pay on the
 * terminology hot path for nothing. Anything not known to be a read counts as a write, so a new
 * operation is protected until it is listed here.
 */
@Interceptor
public class WriteGuard {

	private static final Set<RestOperationTypeEnum> READS = EnumSet.of(
			RestOperationTypeEnum.READ, RestOperationTypeEnum.VREAD,
			RestOperationTypeEnum.SEARCH_TYPE, RestOperationTypeEnum.SEARCH_SYSTEM,
			RestOperationTypeEnum.HISTORY_INSTANCE, RestOperationTypeEnum.HISTORY_TYPE, RestOperationTypeEnum.HISTORY_SYSTEM,
			RestOperationTypeEnum.METADATA, RestOperationTypeEnum.GET_PAGE, RestOperationTypeEnum.VALIDATE);

	private final byte[] adminToken;

	/** @param adminToken the token that authorises writes, or null for a read-only server */
	public WriteGuard(String adminToken) {
		this.adminToken = adminToken == null ? null : adminToken.getBytes(StandardCharsets.UTF_8);
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void check(RequestDetails request, RestOperationTypeEnum operation) {
		if (isRead(operation, request.getOperation())) {
			return;
		}
		String what = describe(operation, request);
		if (adminToken == null) {
			String message = "This server is read-only: " + what
					+ " is refused because no admin token is configured (set PROCTERM_ADMIN_TOKEN or admin.token and restart)";
			throw new ForbiddenOperationException(message, OperationErrors.outcome(OperationOutcome.IssueType.FORBIDDEN, message));
		}
		String header = request.getHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			throw unauthenticated(what + " needs the header 'Authorization: Bearer <admin token>'");
		}
		if (!authorises(header)) { // constant time: no timing hints about the token
			throw unauthenticated("The bearer token is not the admin token of this server");
		}
	}

	/** Whether an Authorization header carries this server's admin token (compared in constant time). */
	public boolean authorises(String header) {
		if (adminToken == null || header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return false;
		}
		return MessageDigest.isEqual(header.substring(7).trim().getBytes(StandardCharsets.UTF_8), adminToken);
	}

	private static AuthenticationException unauthenticated(String message) {
		AuthenticationException e = new AuthenticationException(message).addAuthenticateHeaderForRealm("procterm");
		e.setOperationOutcome(OperationErrors.outcome(OperationOutcome.IssueType.LOGIN, message));
		return e;
	}

	private static boolean isRead(RestOperationTypeEnum operation, String operationName) {
		if (READS.contains(operation)) {
			return true;
		}
		boolean extended = operation == RestOperationTypeEnum.EXTENDED_OPERATION_TYPE
				|| operation == RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE
				|| operation == RestOperationTypeEnum.EXTENDED_OPERATION_SERVER;
		return extended && FhirOperation.named(operationName).map(FhirOperation::readOnly).orElse(false);
	}

	private static String describe(RestOperationTypeEnum operation, RequestDetails request) {
		String target = request.getResourceName() == null ? "the server" : request.getResourceName();
		String name = request.getOperation() != null ? request.getOperation() : operation.getCode();
		return name + " on " + target;
	}
}
