package org.procterm.engine.translate;

import java.util.List;

import org.hl7.fhir.r4.model.Coding;

/**
 * The answer of {@code $translate}: whether a usable translation was found, a message when not, and every match.
 */
public record TranslateResult(boolean result, String message, List<Match> matches) {

	public TranslateResult {
		matches = List.copyOf(matches);
	}

	/**
	 * One mapping found.
	 *
	 * @param concept the concept of the mapping's target side (in a reverse translation, the code asked about, as HL7's reference server answers)
	 * @param equivalence R4's ConceptMapEquivalence code of the mapping
	 * @param originMap the canonical (url|version) of the ConceptMap the mapping comes from
	 * @param source in a reverse translation, the source concept found; else null
	 */
	public record Match(Coding concept, String equivalence, String originMap, Coding source) {}
}
