package org.procterm.content.fhir;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.hl7.fhir.r4.model.ValueSet;
import org.procterm.content.model.Procedure;

/**
 * The value sets over the bundled codes: all of them, one per body region, the add-on codes, and
 * one per CPT section. All but the first are intensional (filters on our properties), so they stay
 * right when codes are added and exercise the engine's filters.
 */
public final class ValueSetCatalog {

	private final String version;

	public ValueSetCatalog(String version) {
		this.version = version;
	}

	public List<ValueSet> build(List<Procedure> procedures) {
		List<ValueSet> out = new ArrayList<>();
		ValueSet all = base("spine-procedures", "SpineProcedures", "Spine surgery procedures bundled with procterm",
				"Every spine surgery code procterm ships patient information for.");
		ValueSet.ConceptSetComponent include = all.getCompose().addInclude().setSystem(Canonicals.CPT);
		procedures.forEach(p -> include.addConcept().setCode(p.code()));
		out.add(all);

		Set<String> regions = new LinkedHashSet<>();
		procedures.stream().map(p -> p.facts().bodyRegion()).filter(r -> r != null).sorted().forEach(regions::add);
		for (String region : regions) {
			out.add(filtered("spine-procedures-" + region, "SpineProcedures" + pascal(region),
					"Spine procedures on the " + region + " spine", "Bundled procedure codes whose body region is " + region + ".",
					"bodyRegion", region));
		}
		out.add(filtered("add-on-codes", "AddOnCodes", "Add-on procedure codes",
				"Bundled codes that are only reported together with a primary procedure code.", "addOn", "true"));

		Set<String> sections = new LinkedHashSet<>();
		procedures.stream().map(p -> p.facts().sectionLabel()).sorted().forEach(sections::add);
		for (String section : sections) {
			String leaf = section.substring(section.lastIndexOf('>') + 1).trim();
			String id = "cpt-section-" + leaf.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
			out.add(filtered(id, "CptSection" + pascal(leaf), "CPT section: " + section,
					"Bundled procedure codes in the CPT section " + section + ".", "section", section));
		}
		out.addAll(terminologyValueSets());
		return out;
	}

	/**
	 * HL7 Terminology's value sets for CPT, defined as THO defines them (filters on CPT's modifier,
	 * modified and kind properties), so that profiles that bind to them validate here over whatever
	 * CPT release is loaded. cpt-usable also holds modified expressions (63185:59): its second include.
	 */
	static List<ValueSet> terminologyValueSets() {
		ValueSet all = tho("cpt-all", "AmaCPTAllCodes", "AMA CPT All Codes", "All codes in CPT (including metadata, modifiers, etc).");
		all.getCompose().addInclude().setSystem(Canonicals.CPT);
		ValueSet usable = tho("cpt-usable", "AmaCPTUsableCodes", "AMA CPT Usable Codes",
				"All CPT codes (no modifiers) that represent procedure codes, and CPT expressions with modifiers.");
		ValueSet.ConceptSetComponent plain = usable.getCompose().addInclude().setSystem(Canonicals.CPT);
		plain.addFilter().setProperty("modified").setOp(ValueSet.FilterOperator.EQUAL).setValue("false");
		plain.addFilter().setProperty("modifier").setOp(ValueSet.FilterOperator.EQUAL).setValue("false");
		usable.getCompose().addInclude().setSystem(Canonicals.CPT).addFilter().setProperty("modified").setOp(ValueSet.FilterOperator.EQUAL)
				.setValue("true");
		ValueSet modifiers = tho("cpt-modifiers", "AmaCPTModifiers", "AMA CPT Modifiers", "All CPT modifiers.");
		modifiers.getCompose().addInclude().setSystem(Canonicals.CPT).addFilter().setProperty("modifier").setOp(ValueSet.FilterOperator.EQUAL)
				.setValue("true");
		return List.of(all, usable, modifiers);
	}

	private static ValueSet tho(String id, String name, String title, String description) {
		ValueSet vs = new ValueSet();
		vs.setId(id);
		vs.setUrl("http://terminology.hl7.org/ValueSet/" + id);
		vs.setVersion("1.0.0");
		vs.setName(name);
		vs.setTitle(title);
		vs.setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE);
		vs.setExperimental(false);
		vs.setPublisher("Health Level Seven International");
		vs.setDescription(description);
		vs.setCopyright(CptCodeSystemBuilder.COPYRIGHT);
		return vs;
	}

	private ValueSet filtered(String id, String name, String title, String description, String property, String value) {
		ValueSet vs = base(id, name, title, description);
		vs.getCompose().addInclude().setSystem(Canonicals.CPT).addFilter()
				.setProperty(property).setOp(ValueSet.FilterOperator.EQUAL).setValue(value);
		return vs;
	}

	private ValueSet base(String id, String name, String title, String description) {
		ValueSet vs = Canonicals.describe(new ValueSet(), id, Canonicals.valueSet(id), version, name, title);
		vs.setDescription(description);
		vs.setCopyright(CptCodeSystemBuilder.COPYRIGHT);
		return vs;
	}

	private static String pascal(String text) {
		StringBuilder sb = new StringBuilder();
		for (String w : text.split("[^A-Za-z0-9]+")) {
			if (!w.isEmpty()) {
				sb.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
			}
		}
		return sb.toString();
	}
}
