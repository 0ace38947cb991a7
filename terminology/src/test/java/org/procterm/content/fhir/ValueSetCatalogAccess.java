package org.procterm.content.fhir;

import org.hl7.fhir.r4.model.ValueSet;

/** Lets engine tests use HL7's CPT value sets as the content package defines them. */
public final class ValueSetCatalogAccess {

	private ValueSetCatalogAccess() {}

	public static ValueSet tho(String id) {
		return ValueSetCatalog.terminologyValueSets().stream().filter(v -> v.getIdElement().getIdPart().equals(id)).findFirst().orElseThrow();
	}
}
