package org.procterm.store;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.MetadataResource;
import org.procterm.engine.TerminologyException;
import org.procterm.engine.codesystem.CodeSystemIndex;
import org.procterm.provider.OperationErrors;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;

/**
 * Refuses, before it is stored, content the engine could not serve or that breaks FHIR's rules: a
 * code system with a duplicate or empty code or a cycle in its hierarchy, and canonical URLs and
 * versions longer than the database keeps. Without this HAPI would store it (the engine would then
 * skip it) or fail in the database with a 500.
 */
@Interceptor
public class StoredContentRules {

	/** HAPI indexes a url in a column of 500 characters. */
	public static final int MAX_URL = 500;
	/** procterm keeps an imported code system's version in a column of 128 characters. */
	public static final int MAX_VERSION = 128;

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		check(resource);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource updated) {
		check(updated);
	}

	private static void check(IBaseResource resource) {
		try {
			if (resource instanceof MetadataResource m) {
				checkCanonical(m.getUrl(), m.getVersion());
			}
			if (resource instanceof CodeSystem cs && cs.getContent() != CodeSystem.CodeSystemContentMode.NOTPRESENT && cs.hasUrl()) {
				CodeSystemIndex.of(cs); // duplicate and empty codes, hierarchy cycles
			}
		} catch (TerminologyException e) {
			throw OperationErrors.toResponse(e);
		}
	}

	/** @throws TerminologyException invalid-content when the url or version is longer than what is stored */
	public static void checkCanonical(String url, String version) {
		if (url != null && url.length() > MAX_URL) {
			throw TerminologyException.invalidContent("The url is " + url.length() + " characters long; this server stores urls of at most "
					+ MAX_URL + " characters");
		}
		if (version != null && version.length() > MAX_VERSION) {
			throw TerminologyException.invalidContent("The version is " + version.length() + " characters long; this server stores versions of at most "
					+ MAX_VERSION + " characters");
		}
	}
}
