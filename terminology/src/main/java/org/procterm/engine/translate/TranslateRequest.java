package org.procterm.engine.translate;

import java.util.List;

import org.hl7.fhir.r4.model.Coding;

/**
 * What {@code ConceptMap/$translate} is asked, in R4's terms (R5's names are read into the same fields).
 *
 * @param codings the concepts to translate: one from code+system, a coding, or each coding of a CodeableConcept
 * @param sourceScope the value set the codes come from ({@code source}; R5 {@code sourceScope}), or null
 * @param targetScope the value set a translation is sought in ({@code target}; R5 {@code targetScope}), or null
 * @param targetSystem the code system a translation is sought in ({@code targetsystem}), or null
 * @param reverse true to find the codes that map to the given ones
 */
public record TranslateRequest(List<Coding> codings, String sourceScope, String targetScope, String targetSystem, boolean reverse) {

	public TranslateRequest {
		codings = List.copyOf(codings);
	}
}
