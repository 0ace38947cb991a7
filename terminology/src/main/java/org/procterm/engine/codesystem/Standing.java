package org.procterm.engine.codesystem;

import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.MetadataResource;

/**
 * How far a code system or value set is fit for use, as far as a client should be told: withdrawn
 * or deprecated (HL7's standards-status extension), retired, draft or experimental. Expansions say
 * so in a {@code warning-<standing>} parameter, validations in a {@code status-check} note, so an
 * EHR learns that an answer rests on content not meant for production use.
 *
 * <p>As HL7's reference server judges it, withdrawn, deprecated and retired are always told, but
 * draft and experimental only when the content that used it (the value set expanded or validated
 * against) is not itself draft or experimental: a draft value set of draft code systems says
 * nothing new by calling them draft.
 */
public record Standing(String declared, boolean retired, boolean draft, boolean experimental) {

	static final String STANDARDS_STATUS = org.procterm.engine.codesystem.CodeSystemIndex.STANDARDS_STATUS;

	/** Content in good standing. */
	public static final Standing GOOD = new Standing(null, false, false, false);

	public static Standing of(MetadataResource resource) {
		String declared = resource.getExtensionsByUrl(STANDARDS_STATUS).stream().map(e -> e.getValue() == null ? null : e.getValue().primitiveValue())
				.filter(v -> "withdrawn".equals(v) || "deprecated".equals(v) || "draft".equals(v)).findFirst().orElse(null);
		boolean draft = resource.getStatus() == PublicationStatus.DRAFT || "draft".equals(declared);
		return new Standing("draft".equals(declared) ? null : declared, resource.getStatus() == PublicationStatus.RETIRED, draft,
				resource.hasExperimental() && resource.getExperimental());
	}

	/** "withdrawn", "deprecated", "retired", "experimental" or "draft" for content used on its own, or null when in good standing. */
	public String alone() {
		return relativeTo(null);
	}

	/**
	 * The standing to tell of this content used by {@code user} (null: used on its own), or null
	 * when there is nothing to tell.
	 */
	public String relativeTo(Standing user) {
		if (declared != null) {
			return declared;
		}
		if (retired) {
			return "retired";
		}
		if (experimental && (user == null || !user.experimental)) {
			return "experimental";
		}
		return draft && (user == null || !user.draft) ? "draft" : null;
	}
}
