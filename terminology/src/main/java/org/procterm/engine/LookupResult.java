package org.procterm.engine;

import java.util.List;

import org.hl7.fhir.r4.model.Type;
import org.procterm.engine.codesystem.Designation;

/**
 * What {@code $lookup} answers about one code; {@code usedSupplements} are the supplements
 * ({@code url|version}) merged in; {@code notice} says why texts were withheld, or is null.
 */
public record LookupResult(
		String system,
		String name,
		String version,
		String code,
		String display,
		String definition,
		boolean notSelectable,
		List<Designation> designations,
		List<Property> properties,
		List<String> usedSupplements,
		String notice) {

	public LookupResult {
		usedSupplements = usedSupplements == null ? List.of() : List.copyOf(usedSupplements);
	}

	/** One property of the concept; {@code description} is the display of a code-valued property's target. */
	public record Property(String code, Type value, String description) {}
}
