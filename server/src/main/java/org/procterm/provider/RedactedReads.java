package org.procterm.provider;

import java.util.List;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionDesignationComponent;
import org.procterm.engine.Access;
import org.procterm.engine.LicensedContent;
import org.procterm.engine.codesystem.Designation;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;

/**
 * Reads, searches and history of CodeSystem resources as a client without the licence may see
 * them: in a restricted code system each concept keeps its code, properties and open names, its
 * display becomes its open name (or a placeholder), and its other designations and definition are
 * dropped, by the same rule the engine applies to the operations ({@link LicensedContent}). The
 * resource is marked with HL7's {@code REDACTED} security label so a client can tell.
 */
@Interceptor
public final class RedactedReads {

	/** HL7's security label for content that was redacted before release. */
	static final String REDACTED_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";
	static final String REDACTED_CODE = "REDACTED";

	private final LicensedContent licence;

	public RedactedReads(LicensedContent licence) {
		this.licence = licence;
	}

	@Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
	public boolean redact(RequestDetails request, ResponseDetails response) {
		IBaseResource resource = response.getResponseResource();
		if (resource == null || TerminologyResourceProvider.access(request) == Access.LICENSED) {
			return true;
		}
		if (resource instanceof CodeSystem cs && licence.restricts(cs)) {
			response.setResponseResource(redacted(cs));
		} else if (resource instanceof Bundle bundle) {
			for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
				if (entry.getResource() instanceof CodeSystem cs && licence.restricts(cs)) {
					entry.setResource(redacted(cs));
				}
			}
		}
		return true;
	}

	private CodeSystem redacted(CodeSystem original) {
		CodeSystem cs = original.copy();
		redact(cs.getConcept(), cs.hasLanguage() ? cs.getLanguage() : null, cs.hasName() ? cs.getName() : cs.getUrl());
		cs.getMeta().addSecurity(REDACTED_SYSTEM, REDACTED_CODE, "redacted");
		cs.setText(null); // a narrative could quote what was withheld
		return cs;
	}

	private void redact(List<ConceptDefinitionComponent> concepts, String language, String name) {
		for (ConceptDefinitionComponent c : concepts) {
			List<ConceptDefinitionDesignationComponent> open = c.getDesignation().stream().filter(d -> licence.isOpenUse(d.getUse())).toList();
			c.setDisplay(LicensedContent.publicDisplay(open.stream().map(d -> new Designation(d.getLanguage(), d.getUse(), d.getValue())).toList(),
					language, name, c.getCode()));
			c.setDesignation(new java.util.ArrayList<>(open));
			c.setDefinition(null);
			redact(c.getConcept(), language, name);
		}
	}
}
