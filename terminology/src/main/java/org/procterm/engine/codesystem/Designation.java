package org.procterm.engine.codesystem;

import org.hl7.fhir.r4.model.Coding;

/**
 * One designation of a concept: a text in a language, optionally with a use (e.g. consumer).
 * {@code source} is the supplement it came from ({@code url|version}), or null for the code system's own.
 */
public record Designation(String language, Coding use, String value, String source) {

	public Designation(String language, Coding use, String value) {
		this(language, use, value, null);
	}

	/**
	 * A code system's own display listed among the designations, in the code system's language, with
	 * the use HL7 gives it, so a client that was shown another language's display learns this one's language.
	 */
	public static Designation displayOfCodeSystem(String language, String display) {
		return new Designation(language, new Coding("http://terminology.hl7.org/CodeSystem/hl7TermMaintInfra", "preferredForLanguage",
				"Preferred For Language"), display);
	}

	/** This designation, as given by supplement {@code supplement}. */
	public Designation from(String supplement) {
		return new Designation(language, use, value, supplement);
	}

	/** True when this designation is in the requested language (same tag, or same primary subtag). */
	public boolean isInLanguage(String requested) {
		return Languages.matches(language, requested);
	}
}
