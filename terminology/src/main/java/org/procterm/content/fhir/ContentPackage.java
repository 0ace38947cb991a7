package org.procterm.content.fhir;

import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.r4.model.Resource;
import org.procterm.content.model.Procedure;

/** Every FHIR resource generated from the authored procedures, for one package version. */
public final class ContentPackage {

	private ContentPackage() {}

	public static List<Resource> resources(List<Procedure> procedures, String version) {
		List<Resource> out = new ArrayList<>();
		out.add(new CptCodeSystemBuilder().build(procedures));
		out.add(PatientSectionCodeSystem.build(version));
		out.addAll(new ValueSetCatalog(version).build(procedures));
		PatientDocument document = new PatientDocument(procedures);
		PlanDefinitionBuilder plans = new PlanDefinitionBuilder(version, document);
		LibraryBuilder libraries = new LibraryBuilder(version, document);
		for (Procedure p : procedures) {
			out.add(plans.build(p));
			out.add(libraries.build(p));
		}
		return out;
	}
}
