package org.procterm.engine.codesystem;

import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.MetadataResource;

/**
 * Whether a code system or value set is one whose use a client should be told about: withdrawn or
 * deprecated (HL7's standards-status extension), draft, or experimental. Expansions say so in a
 * {@code warning-<standing>} parameter, validations in a {@code status-check} note, so an EHR
 * learns that an answer rests on content not meant for production use.
 */
public final class Standing {

	static final String STANDARDS_STATUS = org.procterm.engine.codesystem.CodeSystemIndex.STANDARDS_STATUS;

	private Standing() {}

	/** "withdrawn", "deprecated", "draft" or "experimental" (the first that applies), or null for content in good standing. */
	public static String of(MetadataResource resource) {
		String declared = resource.getExtensionsByUrl(STANDARDS_STATUS).stream().map(e -> e.getValue() == null ? null : e.getValue().primitiveValue())
				.filter(v -> "withdrawn".equals(v) || "deprecated".equals(v)).findFirst().orElse(null);
		if (declared != null) {
			return declared;
		}
		if (resource.getStatus() == PublicationStatus.DRAFT) {
			return "draft";
		}
		return resource.hasExperimental() && resource.getExperimental() ? "experimental" : null;
	}
}
