package org.procterm.provider;

import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.TerminologyCapabilities;

import ca.uhn.fhir.model.api.annotation.ResourceDef;

/**
 * HAPI's {@code @Metadata} methods must return an {@link IBaseConformance}, which R4's
 * TerminologyCapabilities is not; this subclass only adds the marker so that
 * {@code GET [base]/metadata?mode=terminology} can answer one.
 */
@ResourceDef(name = "TerminologyCapabilities", profile = "http://hl7.org/fhir/StructureDefinition/TerminologyCapabilities")
public class TerminologyCapabilitiesStatement extends TerminologyCapabilities implements IBaseConformance {

	private static final long serialVersionUID = 1L;
}
