package org.procterm.content.fhir;

import java.nio.charset.StandardCharsets;

import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Library;
import org.hl7.fhir.r4.model.UsageContext;
import org.procterm.content.model.Language;
import org.procterm.content.model.Procedure;
import org.procterm.content.model.Section;

/**
 * One Library (type asset-collection) per code holding the patient text: the whole page as
 * Markdown and HTML in every language, then every section on its own as Markdown, tagged with its
 * language and its code from procterm's patient-section CodeSystem, so a portal can take one
 * section in one language without parsing the page.
 */
public final class LibraryBuilder {

	static final String TEXT_COPYRIGHT = "Patient text written by the procterm team, licensed CC BY 4.0. "
			+ "CPT codes and descriptors are copyright the American Medical Association.";

	private final String version;
	private final PatientDocument document;
	private final MarkdownText markdown = new MarkdownText();

	public LibraryBuilder(String version, PatientDocument document) {
		this.version = version;
		this.document = document;
	}

	public Library build(Procedure p) {
		String code = p.code();
		Library lib = Canonicals.describe(new Library(), Canonicals.libraryId(code), Canonicals.library(code), version,
				"Cpt" + code + "PatientInformation", p.text(Language.EN).name());
		ReviewMetadata.apply(lib, p.texts().values().stream().map(t -> t.review()).toList());
		lib.setSubtitle("Plain-language patient information for CPT " + code);
		lib.setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/library-type", "asset-collection", "Asset Collection")));
		lib.setDescription(markdown.plain(p.text(Language.EN).sections().get(Section.SUMMARY)));
		lib.setPurpose("Educational information for patients, not medical advice.");
		lib.setCopyright(TEXT_COPYRIGHT);
		lib.addTopic(PlanDefinitionBuilder.cptConcept(p.facts()));
		lib.addUseContext(new UsageContext(new Coding("http://terminology.hl7.org/CodeSystem/usage-context-type", "focus", "Clinical Focus"),
				PlanDefinitionBuilder.cptConcept(p.facts())));
		for (Language l : Language.values()) {
			String name = p.text(l).name();
			lib.addContent(attachment("text/markdown", l, name, document.markdown(p, l)));
			lib.addContent(attachment("text/html", l, name, document.html(p, l)));
		}
		for (Language l : Language.values()) {
			document.sections(p, l).forEach((section, md) -> {
				Attachment part = attachment("text/markdown", l, section.title(l), md);
				part.addExtension(Canonicals.PATIENT_SECTION_EXTENSION,
						new Coding(Canonicals.PATIENT_SECTION_SYSTEM, section.code(), section.title(Language.EN)));
				lib.addContent(part);
			});
		}
		return lib;
	}

	private static Attachment attachment(String type, Language l, String title, String text) {
		return new Attachment().setContentType(type).setLanguage(l.tag()).setTitle(title)
				.setData(text.getBytes(StandardCharsets.UTF_8));
	}
}
