package org.procterm.engine.valueset;

import org.procterm.engine.codesystem.Concept;

/**
 * One code in a value set's expansion: the concept with the system version it came from, and the
 * display the value set gives it (a value set may override the code system's display).
 * {@code statedVersion} is the version (or pattern such as 1.x) the value set asked for, if any.
 */
public record ExpansionEntry(String system, String version, Concept concept, String display, String statedVersion,
		Mark mark) {

	/**
	 * The status a value set gives one of its listed codes: {@code status} (deprecated, withdrawn...), and
	 * the extension that said so, as written (its url and value), to be echoed as it was.
	 */
	public record Mark(String status, String url, org.hl7.fhir.r4.model.Type value) {}

	/** HL7's extension by which a value set marks one of its codes deprecated (valueCode or valueBoolean true). */
	public static final String VALUESET_DEPRECATED = "http://hl7.org/fhir/StructureDefinition/valueset-deprecated";
	/** HL7's standards-status extension: on a value set's code, the code's status in that value set. */
	public static final String STANDARDS_STATUS = "http://hl7.org/fhir/StructureDefinition/structuredefinition-standards-status";

	public ExpansionEntry(String system, String version, Concept concept, String display, String statedVersion) {
		this(system, version, concept, display, statedVersion, null);
	}

	/**
	 * The mark a value set puts on one of its listed codes ({@code compose.include.concept}): deprecated
	 * by valueset-deprecated, or the standards-status it names; null when it gives none.
	 */
	public static Mark markIn(org.hl7.fhir.r4.model.ValueSet.ConceptReferenceComponent ref) {
		org.hl7.fhir.r4.model.Extension deprecated = ref.getExtensionByUrl(VALUESET_DEPRECATED);
		if (deprecated != null && deprecated.getValue() != null && "true".equals(deprecated.getValue().primitiveValue())) {
			return new Mark("deprecated", VALUESET_DEPRECATED, deprecated.getValue().copy());
		}
		org.hl7.fhir.r4.model.Extension status = ref.getExtensionByUrl(STANDARDS_STATUS);
		return status != null && status.getValue() != null ? new Mark(status.getValue().primitiveValue(), STANDARDS_STATUS, status.getValue().copy())
				: null;
	}

	public String key() {
		return system + "|" + concept.code();
	}

	/** The entry's identity when each version's code is a member of its own (see ValueSetExpander.versionsMatch). */
	public String versionedKey() {
		return system + "|" + version + "#" + concept.code();
	}
}
