package org.procterm.engine.codesystem;

import org.hl7.fhir.r4.model.Type;

/** One property value of a concept, kept as its FHIR datatype (code, string, integer, boolean ...). */
public record PropertyValue(String code, Type value) {}
