package org.procterm.content.cpt;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionDesignationComponent;
import org.hl7.fhir.r4.model.CodeSystem.ConceptPropertyComponent;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Identifier;
import org.procterm.content.fhir.Canonicals;
import org.procterm.content.fhir.CptVocabulary;
import org.procterm.engine.EffectiveDates;

/**
 * Turns a CPT release into one CodeSystem version: the long descriptor as display, AMA's other
 * texts as designations with the use codes of HL7's CPT importer, HL7's properties, deleted codes
 * kept as inactive concepts, and procterm's patient layer carried over from the authored content
 * for every code it covers (our properties and links, and the plain-language names we wrote).
 * Where the release lists an add-on code's primary codes, that list replaces the one in our content.
 */
public final class CptReleaseCodeSystem {

	/** Identifies the release files a version was imported from (see {@link CptRelease#digest()}). */
	public static final String DIGEST_SYSTEM = Canonicals.BASE + "/sid/cpt-release-sha256";

	/** AMA's own properties, which a release sets and the patient layer must not repeat. */
	private static final Set<String> RELEASE_PROPERTIES = Set.of("modifier", "modified", "kind", "notSelectable", "inactive");

	private CptReleaseCodeSystem() {}

	/** The resource id a release version is stored under, e.g. {@code cpt-2026}. */
	public static String resourceId(String version) {
		return "cpt-" + version.replace('.', '-');
	}

	/**
	 * @param patientLayer the authored CPT CodeSystem (the bundled sample), whose non-AMA parts are
	 *                     merged into the codes the release also has; may be null
	 */
	public static CodeSystem build(CptRelease release, CodeSystem patientLayer) {
		CodeSystem cs = new CodeSystem();
		cs.setId(resourceId(release.version()));
		cs.setUrl(Canonicals.CPT);
		cs.setVersion(release.version());
		cs.setName("CPT");
		cs.setTitle("CPT " + release.version());
		if (release.version().matches("\\d{4}")) {
			// a CPT year's codes are in effect from January 1 of that year; $lookup and $expand with date choose by it
			cs.addExtension(EffectiveDates.CODE_SYSTEM_EXTENSION, new DateType(release.version() + "-01-01"));
		}
		cs.setStatus(PublicationStatus.ACTIVE);
		cs.setExperimental(false);
		cs.setPublisher("American Medical Association (imported into procterm)");
		cs.setDescription("CPT release " + release.version() + " imported from the licensed AMA data files, "
				+ "with procterm's plain-language patient information linked to the codes it covers.");
		cs.setCopyright("CPT is a registered trademark of the American Medical Association (AMA). CPT codes and "
				+ "descriptors are copyright the AMA; all rights reserved. Used under the licence of the organisation that imported them.");
		cs.setLanguage("en"); // the displays' language: an English designation never stands in for the display
		cs.setCaseSensitive(true);
		cs.setHierarchyMeaning(CodeSystem.CodeSystemHierarchyMeaning.ISA);
		cs.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
		cs.addIdentifier(new Identifier().setSystem(DIGEST_SYSTEM).setValue(release.digest()));
		CptVocabulary.declareProperties(cs);

		Map<String, ConceptDefinitionComponent> authored = new HashMap<>();
		if (patientLayer != null) {
			patientLayer.getProperty().stream()
					.filter(p -> !RELEASE_PROPERTIES.contains(p.getCode()))
					.forEach(p -> cs.addProperty(p.copy()));
			patientLayer.getConcept().forEach(c -> authored.put(c.getCode(), c));
		}
		if (!release.addOnPrimaries().isEmpty() && cs.getProperty().stream().noneMatch(p -> CptVocabulary.ADD_ON.equals(p.getCode()))) {
			CptVocabulary.declareAddOnProperties(cs);
		}

		for (CptRelease.Code code : release.codes().values()) {
			ConceptDefinitionComponent c = cs.addConcept().setCode(code.code()).setDisplay(code.longDescriptor());
			designate(c, CptVocabulary.UPPER_USE, code.upper());
			designate(c, CptVocabulary.MEDIUM_USE, code.medium());
			designate(c, CptVocabulary.SHORT_USE, code.shortDescriptor());
			designate(c, CptVocabulary.CONSUMER_USE, code.consumer());
			code.clinician().forEach(text -> designate(c, CptVocabulary.CLINICIAN_USE, text));
			CptVocabulary.prop(c, "modifier", new BooleanType(false));
			CptVocabulary.prop(c, "modified", new BooleanType(false));
			CptVocabulary.prop(c, "kind", new CodeType(CptVocabulary.KIND_CODE));
			List<String> primaries = release.addOnPrimaries().getOrDefault(code.code(), List.of());
			if (!primaries.isEmpty()) {
				CptVocabulary.prop(c, CptVocabulary.ADD_ON, new BooleanType(true));
				primaries.forEach(primary -> CptVocabulary.prop(c, CptVocabulary.PRIMARY_CODE, new CodeType(primary)));
			}
			ConceptDefinitionComponent ours = authored.get(code.code());
			if (ours != null) {
				mergePatientLayer(c, ours, !primaries.isEmpty());
			}
		}
		release.modifiers().forEach((modifier, text) -> {
			ConceptDefinitionComponent c = cs.addConcept().setCode(modifier).setDisplay(text);
			CptVocabulary.prop(c, "modifier", new BooleanType(true));
			CptVocabulary.prop(c, "modified", new BooleanType(false));
			CptVocabulary.prop(c, "kind", new CodeType(CptVocabulary.KIND_MODIFIER));
		});
		release.deleted().forEach((deleted, text) -> {
			ConceptDefinitionComponent c = cs.addConcept().setCode(deleted).setDisplay(text);
			CptVocabulary.prop(c, "kind", new CodeType(CptVocabulary.KIND_CODE));
			CptVocabulary.prop(c, "inactive", new BooleanType(true));
		});
		CptVocabulary.addMetadata(cs, List.of(CptVocabulary.UPPER_USE, CptVocabulary.MEDIUM_USE, CptVocabulary.SHORT_USE,
				CptVocabulary.CONSUMER_USE, CptVocabulary.CLINICIAN_USE));
		return cs; // count is set by the importer, which counts nested concepts too
	}

	/**
	 * Copies what procterm wrote about a code: its properties (links, body region ...), except the
	 * add-on properties where the release's add-on file has set them, and its names, marked as ours
	 * ({@link CptVocabulary#PATIENT_NAME_USE}) so they stand apart from AMA's texts: they are what a
	 * client without the licence is shown.
	 */
	private static void mergePatientLayer(ConceptDefinitionComponent target, ConceptDefinitionComponent ours, boolean releaseAddOn) {
		for (ConceptPropertyComponent p : ours.getProperty()) {
			boolean addOnProperty = CptVocabulary.ADD_ON.equals(p.getCode()) || CptVocabulary.PRIMARY_CODE.equals(p.getCode());
			if (!RELEASE_PROPERTIES.contains(p.getCode()) && !(releaseAddOn && addOnProperty)) {
				target.addProperty(p.copy());
			}
		}
		for (ConceptDefinitionDesignationComponent d : ours.getDesignation()) {
			target.addDesignation(d.copy().setUse(CptVocabulary.PATIENT_NAME_USE.copy()));
		}
	}

	private static void designate(ConceptDefinitionComponent c, Coding use, String text) {
		if (text != null) {
			c.addDesignation().setLanguage("en").setUse(use.copy()).setValue(text);
		}
	}
}
