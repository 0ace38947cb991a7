package org.procterm.engine;

/** The answer of {@code $subsumes}, with the codes of the FHIR concept-subsumption-outcome value set. */
public enum SubsumptionOutcome {
	EQUIVALENT("equivalent"),
	SUBSUMES("subsumes"),
	SUBSUMED_BY("subsumed-by"),
	NOT_SUBSUMED("not-subsumed");

	private final String code;

	SubsumptionOutcome(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}
}
