package org.procterm.engine.codesystem;

import org.hl7.fhir.r4.model.Coding;

/** One designation of a concept: a text in a language, optionally with a use (e.g. consumer). */
public record Designation(String language, Coding use, String value) {

	/** True when this designation is in the requested language (same tag, or same primary subtag). */
	public boolean isInLanguage(String requested) {
		return Languages.matches(language, requested);
	}
}
