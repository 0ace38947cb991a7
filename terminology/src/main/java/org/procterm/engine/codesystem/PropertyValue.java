package org.procterm.engine.codesystem;

import org.hl7.fhir.r4.model.Type;

/**
 * One property value of a concept, kept as its FHIR datatype (code, string, integer, boolean ...).
 * {@code derived}: read from one of HL7's concept extensions (label, order, weight) rather than stated
 * as a property; shown in expansions, and by $lookup only when asked for by name.
 */
public record PropertyValue(String code, Type value, boolean derived) {

	public PropertyValue(String code, Type value) {
		this(code, value, false);
	}
}
