package org.procterm.engine.codesystem;

import java.util.List;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;

/**
 * One designation of a concept: a text in a language, optionally with a use (e.g. consumer).
 * {@code source} is the supplement it came from ({@code url|version}), or null for the code system's own.
 * {@code extensions} are those an expansion repeats (see {@link EchoedExtensions}).
 */
public record Designation(String language, Coding use, String value, String source, List<Extension> extensions) {

	public Designation {
		extensions = extensions == null || extensions.isEmpty() ? List.of() : List.copyOf(extensions);
	}

	public Designation(String language, Coding use, String value) {
		this(language, use, value, null, List.of());
	}

	public Designation(String language, Coding use, String value, String source) {
		this(language, use, value, source, List.of());
	}

	/** This designation with the extensions an expansion repeats. */
	public Designation withExtensions(List<Extension> echoed) {
		return new Designation(language, use, value, source, echoed);
	}

	/** Whether its code system marks it withdrawn or deprecated (standards-status): no longer a display to use. */
	public boolean isRetired() {
		String standing = standing();
		return "withdrawn".equals(standing) || "deprecated".equals(standing);
	}

	/** The standing its standards-status extension gives it (withdrawn, deprecated...), or null. */
	public String standing() {
		return extensions.stream().filter(e -> e.getUrl().equals(CodeSystemIndex.STANDARDS_STATUS)).map(e -> e.getValue().primitiveValue())
				.findFirst().orElse(null);
	}

	/**
	 * A code system's own display listed among the designations, in the code system's language, with
	 * the use HL7 gives it, so a client that was shown another language's display learns this one's language.
	 */
	public static Designation displayOfCodeSystem(String language, String display) {
		return new Designation(language, new Coding("http://terminology.hl7.org/CodeSystem/hl7TermMaintInfra", "preferredForLanguage",
				"Preferred For Language"), display);
	}

	/**
	 * Whether it is one of the concept's displays, rather than another name for it (a synonym, an
	 * abbreviation, CPT's short descriptor): no use, or a use saying display or preferred for its
	 * language. HL7's reference servers propose only these as the valid displays.
	 */
	public boolean isDisplay() {
		if (use == null || use.getCode() == null) {
			return true;
		}
		String system = use.getSystem() == null ? "" : use.getSystem();
		return system.equals("http://terminology.hl7.org/CodeSystem/designation-usage") && use.getCode().equals("display")
				|| system.equals("http://terminology.hl7.org/CodeSystem/hl7TermMaintInfra") && use.getCode().equals("preferredForLanguage");
	}

	/** This designation, as given by supplement {@code supplement}. */
	public Designation from(String supplement) {
		return new Designation(language, use, value, supplement, extensions);
	}

	/** True when this designation is in the requested language (same tag, or same primary subtag). */
	public boolean isInLanguage(String requested) {
		return Languages.matches(language, requested);
	}
}
