package org.procterm.store;

import java.util.Set;

import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.procterm.provider.OperationErrors;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;

/**
 * Refuses a transaction or batch with an entry for a resource type this server does not store (see
 * {@link ServedResourceTypes}), before HAPI processes it. HAPI answers a POST or PUT of such a type
 * with a 400 of its own, but a DELETE or PATCH reaches a DAO lookup that fails with an internal error.
 */
@Interceptor
public final class UnstoredTypeEntries {

	private final Set<String> served;

	/** @param served the types stored */
	public UnstoredTypeEntries(Set<String> served) {
		this.served = Set.copyOf(served);
	}

	@Hook(Pointcut.STORAGE_TRANSACTION_PROCESSING)
	public void check(IBaseBundle bundle) {
		if (!(bundle instanceof Bundle b)) {
			return;
		}
		for (int i = 0; i < b.getEntry().size(); i++) {
			Bundle.BundleEntryComponent entry = b.getEntry().get(i);
			String type = entry.hasResource() ? entry.getResource().fhirType() : typeIn(entry.getRequest().getUrl());
			if (type != null && !served.contains(type)) {
				String message = "Bundle entry " + i + " is for a " + type + ", a resource type this server does not store"
						+ " (it stores " + String.join(", ", new java.util.TreeSet<>(served)) + "; see the setting store.resource-types)";
				throw new InvalidRequestException(message, OperationErrors.outcome(OperationOutcome.IssueType.NOTSUPPORTED, message));
			}
		}
	}

	/** The resource type an entry's request URL names (Patient/1, Patient?name=x), or null for a system-level URL ($meta, ?_type). */
	private static String typeIn(String url) {
		if (url == null) {
			return null;
		}
		String path = url.startsWith("/") ? url.substring(1) : url;
		int end = path.length();
		for (char stop : new char[] {'/', '?'}) {
			int at = path.indexOf(stop);
			if (at >= 0 && at < end) {
				end = at;
			}
		}
		String first = path.substring(0, end);
		return !first.isEmpty() && Character.isUpperCase(first.charAt(0)) ? first : null;
	}
}
