package org.procterm.content.fhir;

/** The canonical URLs procterm publishes under, and the CPT system's. */
public final class Canonicals {

	public static final String CPT = "http://www.ama-assn.org/go/cpt";
	public static final String CPT_VERSION = "2026";
	public static final String BASE = "http://procterm.org/fhir";
	public static final String PROPERTY_BASE = BASE + "/CodeSystem/cpt-property#";

	private Canonicals() {}

	public static String planDefinition(String code) {
		return BASE + "/PlanDefinition/" + planDefinitionId(code);
	}

	public static String planDefinitionId(String code) {
		return "cpt-" + code + "-plan";
	}

	public static String library(String code) {
		return BASE + "/Library/" + libraryId(code);
	}

	public static String libraryId(String code) {
		return "cpt-" + code + "-patient-information";
	}

	public static String valueSet(String id) {
		return BASE + "/ValueSet/" + id;
	}
}
