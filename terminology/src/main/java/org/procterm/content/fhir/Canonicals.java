package org.procterm.content.fhir;

import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.MetadataResource;

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

	/** procterm's CodeSystem of patient page sections, and the extension that tags a Library attachment with one. */
	public static final String PATIENT_SECTION_SYSTEM = BASE + "/CodeSystem/patient-section";
	public static final String PATIENT_SECTION_EXTENSION = BASE + "/StructureDefinition/patient-section";

	/** The address of a code's patient page on a procterm server, relative to its root. */
	public static String page(String code, org.procterm.content.model.Language language) {
		return "/procedures/" + code + (language == org.procterm.content.model.Language.EN ? "" : "?lang=" + language.tag());
	}

	public static String valueSet(String id) {
		return BASE + "/ValueSet/" + id;
	}

	/** The metadata every resource procterm publishes shares: identity, active, not experimental, our name as publisher. */
	static <T extends MetadataResource> T describe(T resource, String id, String url, String version, String name, String title) {
		resource.setId(id);
		resource.setUrl(url);
		resource.setVersion(version);
		resource.setName(name);
		resource.setTitle(title);
		resource.setStatus(PublicationStatus.ACTIVE);
		resource.setExperimental(false);
		resource.setPublisher("procterm");
		return resource;
	}
}
