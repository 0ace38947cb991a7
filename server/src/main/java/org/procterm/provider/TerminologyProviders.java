package org.procterm.provider;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;
import org.procterm.engine.TerminologyEngine;

import ca.uhn.fhir.context.FhirContext;
import org.procterm.store.FhirStore;
import ca.uhn.fhir.jpa.searchparam.MatchUrlService;

/** Builds procterm's CodeSystem, ValueSet and ConceptMap resource providers from HAPI's store and the engine. */
public final class TerminologyProviders {

	private final CodeSystemProvider codeSystems;
	private final ValueSetProvider valueSets;
	private final ConceptMapProvider conceptMaps;

	/** Made before HAPI's store opens: reads, searches and writes wait for it, the engine's operations do not. */
	public TerminologyProviders(FhirStore store, TerminologyEngine terminology, FhirContext fhirContext) {
		ResourceSearch search = new ResourceSearch(fhirContext, () -> store.bean(MatchUrlService.class));
		this.codeSystems = new CodeSystemProvider(store.dao(CodeSystem.class), terminology, search);
		this.valueSets = new ValueSetProvider(store.dao(ValueSet.class), terminology, search);
		this.conceptMaps = new ConceptMapProvider(store.dao(org.hl7.fhir.r4.model.ConceptMap.class), terminology, search);
		// HAPI's inherited operations ($meta and the like) need the context the JPA providers are given
		codeSystems.setContext(fhirContext);
		valueSets.setContext(fhirContext);
		conceptMaps.setContext(fhirContext);
	}

	public ConceptMapProvider conceptMaps() {
		return conceptMaps;
	}

	public CodeSystemProvider codeSystems() {
		return codeSystems;
	}

	public ValueSetProvider valueSets() {
		return valueSets;
	}
}
