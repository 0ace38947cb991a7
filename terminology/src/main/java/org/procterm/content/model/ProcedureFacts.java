package org.procterm.content.model;

import java.util.List;

/**
 * The structured, language-neutral facts of one procedure code, from the English file's front
 * matter, with the public sources they come from. Optional facts are null or empty when not known: we leave a fact out rather than guess.
 */
public record ProcedureFacts(
		String code,
		String descriptor,
		boolean addOn,
		List<String> primaryCodes,
		String bodyRegion,
		String approach,
		Range vertebralSegments,
		List<String> sectionPath,
		Range duration,
		Range hospitalStay,
		Integer fastingHours,
		String anesthesia,
		List<String> settings,
		List<String> careTeam,
		List<String> similarCodes,
		List<PayerPolicy> payerPolicies,
		List<Source> sources) {

	public ProcedureFacts {
		primaryCodes = List.copyOf(primaryCodes);
		sectionPath = List.copyOf(sectionPath);
		settings = List.copyOf(settings);
		careTeam = List.copyOf(careTeam);
		similarCodes = List.copyOf(similarCodes);
		payerPolicies = List.copyOf(payerPolicies);
		sources = List.copyOf(sources);
	}

	/** "Surgery > Nervous System > Spine and Spinal Cord". */
	public String sectionLabel() {
		return String.join(" > ", sectionPath);
	}
}
