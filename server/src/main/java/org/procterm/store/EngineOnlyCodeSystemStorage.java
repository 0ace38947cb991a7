package org.procterm.store;

import org.hl7.fhir.r4.model.CodeSystem;

import ca.uhn.fhir.jpa.model.entity.ResourceTable;
import ca.uhn.fhir.jpa.term.TermCodeSystemStorageSvcImpl;
import ca.uhn.fhir.rest.api.server.RequestDetails;

/**
 * HAPI's code system storage with its per-concept copy switched off. HAPI writes every concept of
 * every stored CodeSystem into its TRM tables (seconds per thousand concepts, in a background job
 * when the system is large) only for its own terminology service, which procterm's engine replaces:
 * the engine indexes the stored resource, or the imported content, directly.
 */
public class EngineOnlyCodeSystemStorage extends TermCodeSystemStorageSvcImpl {

	@Override
	public void storeNewCodeSystemVersionIfNeeded(CodeSystem codeSystem, ResourceTable resource, RequestDetails request) {
		// nothing to do: see the class comment
	}
}
