package org.procterm.content.fhir;

import java.util.List;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.PropertyType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.procterm.content.model.Language;
import org.procterm.content.model.Procedure;
import org.procterm.content.model.ProcedureFacts;
import org.procterm.content.model.Range;

/**
 * The bundled CPT fragment: the official descriptor as display, consumer-friendly names in each
 * language as designations (with the use code of HL7's CPT importer), HL7's CPT properties and
 * ours, and links to each code's PlanDefinition and patient information Library.
 */
public final class CptCodeSystemBuilder {

	/** HL7's CPT importer keeps its designation uses as concepts of CPT itself. */
	public static final Coding CONSUMER_USE = CptVocabulary.CONSUMER_USE;

	static final String COPYRIGHT = "CPT is a registered trademark of the American Medical Association (AMA). "
			+ "CPT codes and descriptors are copyright the AMA; all rights reserved. The few descriptors here are samples; "
			+ "a full CPT release is used only under a licence from the AMA.";

	public CodeSystem build(List<Procedure> procedures) {
		CodeSystem cs = Canonicals.describe(new CodeSystem(), "cpt", Canonicals.CPT, Canonicals.CPT_VERSION, "CPT",
				"CPT procedure codes (procterm sample fragment)");
		cs.setDescription("The procedure codes procterm ships with, each linked to plain-language patient information. "
				+ "Load a licensed CPT release to serve every code.");
		cs.setCopyright(COPYRIGHT);
		// the sample's few descriptors are served to every client; an imported release's only to licensed ones
		cs.getMeta().addTag(org.procterm.engine.LicensedContent.OPEN_TAG_SYSTEM, org.procterm.engine.LicensedContent.OPEN_TAG_CODE,
				"Open content: its texts may be shown to any client");
		cs.setLanguage("en"); // the displays' language: an English designation never stands in for the display
		cs.setCaseSensitive(true);
		cs.setContent(CodeSystem.CodeSystemContentMode.FRAGMENT);

		// HL7 THO's CPT properties, as HL7's CPT importer declares them
		CptVocabulary.declareProperties(cs);
		// procterm's own
		CptVocabulary.declareAddOnProperties(cs);
		ours(cs, "bodyRegion", "The region of the spine the procedure works on: cervical, thoracic or lumbar", PropertyType.CODE);
		ours(cs, "approach", "How the surgeon reaches the spine", PropertyType.CODE);
		ours(cs, "vertebralSegmentsMin", "The fewest vertebral segments the code covers", PropertyType.INTEGER);
		ours(cs, "vertebralSegmentsMax", "The most vertebral segments the code covers (absent: no upper limit)", PropertyType.INTEGER);
		ours(cs, "section", "The code's place in the CPT tree, e.g. Surgery > Nervous System > Spine and Spinal Cord", PropertyType.STRING);
		ours(cs, "durationMinutesMin", "Typical shortest length of the procedure, in minutes", PropertyType.INTEGER);
		ours(cs, "durationMinutesMax", "Typical longest length of the procedure, in minutes", PropertyType.INTEGER);
		ours(cs, "setting", "Where the procedure is typically done: hospital, surgical-center or childrens-hospital", PropertyType.CODE);
		ours(cs, "similarCode", "A related code a patient or coder may compare this one with; it has its own patient page", PropertyType.CODE);
		ours(cs, "planDefinition", "Canonical URL of the PlanDefinition that describes the patient's journey", PropertyType.STRING);
		ours(cs, "patientInformation", "Canonical URL of the Library holding the plain-language patient text", PropertyType.STRING);

		for (Procedure p : procedures) {
			cs.addConcept(concept(p));
		}
		CptVocabulary.addMetadata(cs, List.of(CONSUMER_USE));
		return cs;
	}

	private static ConceptDefinitionComponent concept(Procedure p) {
		ProcedureFacts f = p.facts();
		ConceptDefinitionComponent c = new ConceptDefinitionComponent().setCode(f.code()).setDisplay(f.descriptor());
		for (Language l : Language.values()) {
			c.addDesignation().setLanguage(l.tag()).setUse(CONSUMER_USE.copy()).setValue(p.text(l).name());
		}
		prop(c, "modifier", new BooleanType(false));
		prop(c, "modified", new BooleanType(false));
		prop(c, "kind", new CodeType("code"));
		prop(c, "addOn", new BooleanType(f.addOn()));
		f.primaryCodes().forEach(code -> prop(c, "primaryCode", new CodeType(code)));
		if (f.bodyRegion() != null) {
			prop(c, "bodyRegion", new CodeType(f.bodyRegion()));
		}
		if (f.approach() != null) {
			prop(c, "approach", new CodeType(f.approach()));
		}
		Range segments = f.vertebralSegments();
		if (segments != null) {
			prop(c, "vertebralSegmentsMin", new IntegerType(segments.min()));
			if (segments.max() != null) {
				prop(c, "vertebralSegmentsMax", new IntegerType(segments.max()));
			}
		}
		prop(c, "section", new StringType(f.sectionLabel()));
		Range duration = f.duration();
		if (duration != null) {
			prop(c, "durationMinutesMin", new IntegerType(duration.min() * duration.unit().minutes()));
			prop(c, "durationMinutesMax", new IntegerType(duration.max() * duration.unit().minutes()));
		}
		f.settings().forEach(s -> prop(c, "setting", new CodeType(s)));
		f.similarCodes().forEach(code -> prop(c, "similarCode", new CodeType(code)));
		prop(c, "planDefinition", new StringType(Canonicals.planDefinition(f.code())));
		prop(c, "patientInformation", new StringType(Canonicals.library(f.code())));
		return c;
	}

	private static void ours(CodeSystem cs, String code, String description, PropertyType type) {
		CptVocabulary.property(cs, code, Canonicals.PROPERTY_BASE + code, description, type);
	}

	private static void prop(ConceptDefinitionComponent c, String code, Type value) {
		CptVocabulary.prop(c, code, value);
	}
}
