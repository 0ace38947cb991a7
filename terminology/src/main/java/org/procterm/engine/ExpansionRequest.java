package org.procterm.engine;

/**
 * The {@code $expand} parameters the engine applies to a value set: text filter, paging,
 * designations, inactive codes and display language. A null {@code count} means "all".
 * {@code excludeNested} (null when not sent) needs no work, as expansions are always flat, but is
 * reported back like every parameter that shaped the expansion.
 */
public record ExpansionRequest(String filter, int offset, Integer count, boolean includeDesignations,
		boolean activeOnly, Boolean excludeNested, String displayLanguage, VersionRules versions) {

	public ExpansionRequest(String filter, int offset, Integer count, boolean includeDesignations, boolean activeOnly,
			Boolean excludeNested, String displayLanguage) {
		this(filter, offset, count, includeDesignations, activeOnly, excludeNested, displayLanguage, VersionRules.NONE);
	}

	public ExpansionRequest {
		versions = versions == null ? VersionRules.NONE : versions;
		if (offset < 0) {
			throw TerminologyException.invalid("offset must be 0 or more, not " + offset);
		}
		if (count != null && count < 0) {
			throw TerminologyException.invalid("count must be 0 or more, not " + count);
		}
	}

	public static ExpansionRequest all() {
		return new ExpansionRequest(null, 0, null, false, false, null, null);
	}
}
