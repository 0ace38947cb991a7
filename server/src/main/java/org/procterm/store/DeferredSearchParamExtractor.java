package org.procterm.store;

import org.hl7.fhir.instance.model.api.IBase;

import ca.uhn.fhir.jpa.searchparam.extractor.SearchParamExtractorR4;

/**
 * HAPI's R4 search parameter extractor, whose FHIRPath engine is built on first use instead of at
 * start-up. Building it reads every StructureDefinition of FHIR R4 (about 3 s on two cores), which
 * only a write needs, and a restart of procterm writes nothing. The server builds it in the
 * background once it is ready ({@link #warmUp()}); a write that comes first waits for it.
 */
public class DeferredSearchParamExtractor extends SearchParamExtractorR4 {

	private final Object building = new Object();
	private volatile boolean built;

	/** Called by HAPI at start-up: deferred to {@link #warmUp()}. */
	@Override
	public void initFhirPath() {
		// nothing yet
	}

	/** Builds the FHIRPath engine unless built already. */
	public void warmUp() {
		if (!built) {
			synchronized (building) {
				if (!built) {
					super.initFhirPath();
					built = true;
				}
			}
		}
	}

	@Override
	public IValueExtractor getPathValueExtractor(IBase resource, String path) {
		warmUp();
		return super.getPathValueExtractor(resource, path);
	}
}
