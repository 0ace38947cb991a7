package org.procterm.engine.codesystem;

import java.util.List;
import java.util.Set;

import org.hl7.fhir.r4.model.Extension;

/**
 * The extensions on a code system's concepts and designations that an expansion repeats on each
 * code, as HL7's reference expander repeats them: how to show a code (rendering-style,
 * rendering-xhtml), its SNOMED CT description id, an alternate code, and a designation's standing.
 * Only these are kept with the concept; any other extension stays with the stored resource.
 */
public final class EchoedExtensions {

	/** On a concept (CodeSystem.concept.extension). */
	static final Set<String> ON_CONCEPT = Set.of(
			"http://hl7.org/fhir/StructureDefinition/coding-sctdescid",
			"http://hl7.org/fhir/StructureDefinition/rendering-style",
			"http://hl7.org/fhir/StructureDefinition/rendering-xhtml",
			"http://hl7.org/fhir/StructureDefinition/codesystem-alternate");

	/** On a designation (CodeSystem.concept.designation.extension). */
	static final Set<String> ON_DESIGNATION = Set.of(
			"http://hl7.org/fhir/StructureDefinition/coding-sctdescid",
			"http://hl7.org/fhir/StructureDefinition/structuredefinition-standards-status",
			"http://hl7.org/fhir/StructureDefinition/rendering-style",
			"http://hl7.org/fhir/StructureDefinition/rendering-xhtml");

	private EchoedExtensions() {}

	public static List<Extension> ofConcept(List<Extension> all) {
		return kept(all, ON_CONCEPT);
	}

	public static List<Extension> ofDesignation(List<Extension> all) {
		return kept(all, ON_DESIGNATION);
	}

	/** Whether an extension with {@code url} on a concept ({@code onDesignation} false) or designation is kept. */
	public static boolean kept(String url, boolean onDesignation) {
		return (onDesignation ? ON_DESIGNATION : ON_CONCEPT).contains(url);
	}

	private static List<Extension> kept(List<Extension> all, Set<String> urls) {
		if (all.isEmpty()) {
			return List.of(); // the common case: no list per concept
		}
		// a complex extension (codesystem-alternate: code and use) has parts, not a value
		return all.stream().filter(e -> urls.contains(e.getUrl()) && (e.hasValue() || e.hasExtension())).map(Extension::copy).toList();
	}
}
