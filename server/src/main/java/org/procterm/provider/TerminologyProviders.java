package org.procterm.provider;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;
import org.procterm.engine.TerminologyEngine;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.MatchUrlService;

/** Builds procterm's CodeSystem, ValueSet and ConceptMap resource providers from the store and the engine. */
public final class TerminologyProviders {

	private final CodeSystemProvider codeSystems;
	private final ValueSetProvider valueSets;
	private final ConceptMapProvider conceptMaps;

	public TerminologyProviders(DaoRegistry daos, TerminologyEngine terminology, FhirContext fhirContext, MatchUrlService matchUrls) {
		ResourceSearch search = new ResourceSearch(fhirContext, matchUrls);
		this.codeSystems = new CodeSystemProvider(daos.getResourceDao(CodeSystem.class), terminology, search);
		this.valueSets = new ValueSetProvider(daos.getResourceDao(ValueSet.class), terminology, search);
		this.conceptMaps = new ConceptMapProvider(daos.getResourceDao(org.hl7.fhir.r4.model.ConceptMap.class), terminology, search);
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
