package org.procterm.engine.valueset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.ValueSet.ConceptReferenceComponent;
import org.hl7.fhir.r4.model.ValueSet.ConceptReferenceDesignationComponent;
import org.procterm.engine.codesystem.Concept;
import org.procterm.engine.codesystem.Designation;
import org.procterm.engine.codesystem.EchoedExtensions;
import org.procterm.engine.codesystem.PropertyValue;

/**
 * A code as a value set that lists it says it: the value set's designations for it, its label,
 * order and weight for it (valueset-label, valueset-conceptOrder, itemWeight: these win over the
 * code system's), and its
 * definition and rendering for it, repeated in expansions as HL7's reference expander repeats them.
 * Its mark on the code (deprecated, withdrawn) is an {@link ExpansionEntry.Mark}.
 */
final class ListedConcept {

	private static final String LABEL = "http://hl7.org/fhir/StructureDefinition/valueset-label";
	private static final String ORDER = "http://hl7.org/fhir/StructureDefinition/valueset-conceptOrder";
	private static final String WEIGHT = "http://hl7.org/fhir/StructureDefinition/itemWeight";
	/** Extensions on a listed code that an expansion repeats on it. */
	private static final Set<String> ECHOED = Set.of(
			"http://hl7.org/fhir/StructureDefinition/valueset-concept-definition",
			"http://hl7.org/fhir/StructureDefinition/coding-sctdescid",
			"http://hl7.org/fhir/StructureDefinition/rendering-style",
			"http://hl7.org/fhir/StructureDefinition/rendering-xhtml");

	private ListedConcept() {}

	static Concept of(Concept concept, ConceptReferenceComponent ref) {
		if (!ref.hasExtension() && !ref.hasDesignation()) {
			return concept;
		}
		List<Designation> designations = new ArrayList<>();
		for (ConceptReferenceDesignationComponent d : ref.getDesignation()) {
			if (d.hasValue()) {
				designations.add(new Designation(d.getLanguage(), d.hasUse() ? d.getUse().copy() : null, d.getValue(), null,
						EchoedExtensions.ofDesignation(d.getExtension())));
			}
		}
		List<PropertyValue> replacing = new ArrayList<>();
		for (Map.Entry<String, String> derived : Map.of(LABEL, "label", ORDER, "order", WEIGHT, "weight").entrySet()) {
			Extension ext = ref.getExtensionByUrl(derived.getKey());
			if (ext != null && ext.hasValue()) {
				try { // a label is text; an order or weight is a number, a decimal as HL7 answers it
					replacing.add(new PropertyValue(derived.getValue(), derived.getValue().equals("label")
							? new StringType(ext.getValue().primitiveValue()) : new DecimalType(ext.getValue().primitiveValue()), true));
				} catch (RuntimeException notANumber) {
					// an order that is no number says nothing: the code system's stands
				}
			}
		}
		List<Extension> extensions = ref.getExtension().stream().filter(e -> ECHOED.contains(e.getUrl()) && e.hasValue()).map(Extension::copy).toList();
		return concept.listedAs(designations, replacing, extensions);
	}
}
