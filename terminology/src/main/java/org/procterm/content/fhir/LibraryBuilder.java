package org.procterm.content.fhir;

import java.nio.charset.StandardCharsets;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Library;
import org.hl7.fhir.r4.model.UsageContext;
import org.procterm.content.model.Language;
import org.procterm.content.model.Procedure;
import org.procterm.content.model.Section;

/**
 * One Library (type asset-collection) per code holding the full patient text: Markdown and HTML
 * for every language, each attachment tagged with its language.
 */
public final class LibraryBuilder {

	static final String TEXT_COPYRIGHT = "Patient text written by the procterm team, licensed CC BY 4.0. "
			+ "CPT codes and descriptors are copyright the American Medical Association.";

	private final String version;
	private final PatientDocument document = new PatientDocument();

	public LibraryBuilder(String version) {
		this.version = version;
	}

	public Library build(Procedure p) {
		String code = p.code();
		Library lib = Canonicals.describe(new Library(), Canonicals.libraryId(code), Canonicals.library(code), version,
				"Cpt" + code + "PatientInformation", p.text(Language.EN).name());
		lib.setSubtitle("Plain-language patient information for CPT " + code);
		lib.setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/library-type", "asset-collection", "Asset Collection")));
		lib.setDescription(document.plain(p.text(Language.EN).sections().get(Section.SUMMARY)));
		lib.setPurpose("Educational information for patients, not medical advice.");
		lib.setCopyright(TEXT_COPYRIGHT);
		lib.addTopic(PlanDefinitionBuilder.cptConcept(p.facts()));
		lib.addUseContext(new UsageContext(new Coding("http://terminology.hl7.org/CodeSystem/usage-context-type", "focus", "Clinical Focus"),
				PlanDefinitionBuilder.cptConcept(p.facts())));
		for (Language l : Language.values()) {
			String name = p.text(l).name();
			lib.addContent().setContentType("text/markdown").setLanguage(l.tag()).setTitle(name)
					.setData(document.markdown(p, l).getBytes(StandardCharsets.UTF_8));
			lib.addContent().setContentType("text/html").setLanguage(l.tag()).setTitle(name)
					.setData(document.html(p, l).getBytes(StandardCharsets.UTF_8));
		}
		return lib;
	}
}
