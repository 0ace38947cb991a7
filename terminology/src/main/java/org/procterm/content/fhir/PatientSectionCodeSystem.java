package org.procterm.content.fhir;

import org.hl7.fhir.r4.model.CodeSystem;
import org.procterm.content.model.Language;
import org.procterm.content.model.Section;

/**
 * procterm's small CodeSystem of patient page sections ({@code summary}, {@code risks},
 * {@code when-to-call}, …): the codes that tag each section's attachment in a patient Library, so a
 * portal can ask for one section without parsing Markdown headings.
 */
final class PatientSectionCodeSystem {

	private PatientSectionCodeSystem() {}

	static CodeSystem build(String version) {
		CodeSystem cs = Canonicals.describe(new CodeSystem(), "patient-section", Canonicals.PATIENT_SECTION_SYSTEM, version,
				"PatientSection", "Sections of a procterm patient page");
		cs.setDescription("The top-level sections of a plain-language patient page, in page order. "
				+ "Each section of a patient Library is one attachment per language tagged with one of these codes.");
		cs.setLanguage(Language.EN.tag());
		cs.setCaseSensitive(true);
		cs.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
		for (Section s : Section.values()) {
			if (s.parent() == null) {
				var concept = cs.addConcept().setCode(s.code()).setDisplay(s.title(Language.EN));
				concept.addDesignation().setLanguage(Language.ES.tag()).setValue(s.title(Language.ES));
			}
		}
		cs.setCount(cs.getConcept().size());
		return cs;
	}
}
