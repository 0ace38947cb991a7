package org.procterm.content.fhir;

import java.util.List;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.PropertyType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Type;

/**
 * What every procterm CPT CodeSystem declares, whether it is the bundled sample or an imported
 * release: HL7's CPT properties, the designation uses of HL7's CPT importer, and the metadata
 * concepts that make those uses and kinds resolvable codes of CPT itself.
 */
public final class CptVocabulary {

	public static final Coding UPPER_USE = use("upper", "Uppercase long descriptor");
	public static final Coding MEDIUM_USE = use("med", "Medium descriptor (at most 48 characters)");
	public static final Coding SHORT_USE = use("short", "Short descriptor (at most 28 characters)");
	public static final Coding CONSUMER_USE = use("consumer", "Consumer Friendly representation for the concept");
	public static final Coding CLINICIAN_USE = use("clinician", "Clinician descriptor");

	/**
	 * procterm's own plain-language name for a code, written by us for patients: in an imported release
	 * it stands beside AMA's consumer descriptor, and it is the text a client without the CPT licence
	 * is shown (see {@code licence.restricted-systems}).
	 */
	public static final Coding PATIENT_NAME_USE = new Coding(Canonicals.BASE + "/CodeSystem/designation-use", "patient-name",
			"procterm's plain-language name for patients");

	static final List<Coding> USES = List.of(UPPER_USE, MEDIUM_USE, SHORT_USE, CONSUMER_USE, CLINICIAN_USE);

	/** HL7's "kind" values: a code to report, a modifier, or one of these metadata concepts. */
	public static final String KIND_CODE = "code";
	public static final String KIND_MODIFIER = "general";
	public static final String KIND_METADATA = "metadata";

	/** procterm's add-on properties: whether a code is an add-on, and each primary code it is reported with. */
	public static final String ADD_ON = "addOn";
	public static final String PRIMARY_CODE = "primaryCode";

	private CptVocabulary() {}

	private static Coding use(String code, String display) {
		return new Coding(Canonicals.CPT, code, display);
	}

	/** Declares HL7 THO's CPT properties on {@code cs}, plus the standard inactive flag. */
	public static void declareProperties(CodeSystem cs) {
		property(cs, "modifier", null, "Whether code is a modifier code", PropertyType.BOOLEAN);
		property(cs, "modified", null, "Whether code has been modified (all base codes are not modified)", PropertyType.BOOLEAN);
		property(cs, "kind", null, "Kind of Code (see metadata)", PropertyType.CODE);
		property(cs, "notSelectable", "http://hl7.org/fhir/concept-properties#notSelectable", "Grouping concepts that are not codes to report", PropertyType.BOOLEAN);
		property(cs, "inactive", "http://hl7.org/fhir/concept-properties#inactive", "True for a code deleted from CPT", PropertyType.BOOLEAN);
	}

	/** Declares procterm's add-on properties, which the bundled content and a release's add-on file both set. */
	public static void declareAddOnProperties(CodeSystem cs) {
		property(cs, ADD_ON, Canonicals.PROPERTY_BASE + ADD_ON,
				"True for an add-on code, reported only together with a primary procedure code", PropertyType.BOOLEAN);
		property(cs, PRIMARY_CODE, Canonicals.PROPERTY_BASE + PRIMARY_CODE,
				"A primary procedure code this add-on code is reported with", PropertyType.CODE);
	}

	/** Adds the metadata concepts for the kinds and for the designation uses that {@code uses} names. */
	public static void addMetadata(CodeSystem cs, List<Coding> uses) {
		ConceptDefinitionComponent kinds = cs.addConcept().setCode("metadata-kinds").setDisplay("Kinds of CPT code");
		prop(kinds, "kind", new CodeType(KIND_METADATA));
		prop(kinds, "notSelectable", new BooleanType(true));
		prop(kinds.addConcept().setCode(KIND_CODE).setDisplay("A normal CPT code"), "kind", new CodeType(KIND_METADATA));
		prop(kinds.addConcept().setCode(KIND_MODIFIER).setDisplay("A modifier that changes how a code is reported"), "kind", new CodeType(KIND_METADATA));
		prop(kinds.addConcept().setCode(KIND_METADATA).setDisplay("A kind of code or designation"), "kind", new CodeType(KIND_METADATA));
		ConceptDefinitionComponent designations = cs.addConcept().setCode("metadata-designations").setDisplay("Kinds of CPT designation");
		prop(designations, "kind", new CodeType(KIND_METADATA));
		prop(designations, "notSelectable", new BooleanType(true));
		for (Coding use : uses) {
			prop(designations.addConcept().setCode(use.getCode()).setDisplay(use.getDisplay()), "kind", new CodeType(KIND_METADATA));
		}
	}

	static void property(CodeSystem cs, String code, String uri, String description, PropertyType type) {
		cs.addProperty().setCode(code).setUri(uri).setDescription(description).setType(type);
	}

	public static void prop(ConceptDefinitionComponent c, String code, Type value) {
		c.addProperty().setCode(code).setValue(value);
	}
}
