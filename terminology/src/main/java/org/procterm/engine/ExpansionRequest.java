package org.procterm.engine;

import java.util.List;

/**
 * The {@code $expand} parameters the engine applies to a value set: text filter, paging,
 * designations, inactive codes and display language. A null {@code count} means "all"; a null
 * {@code offset} or {@code activeOnly} was not sent (the answer echoes only what was sent).
 * {@code excludeNested} (null when not sent): {@code false} asks for the code system's hierarchy
 * as nested {@code contains} where the answer can carry it; otherwise expansions are flat.
 *
 * @param includeDefinition whether the answer keeps the value set's definition (its compose)
 * @param properties the concept properties to return with each code, by property code
 * @param designations tokens naming the designations to return: a language ({@code es} or
 *        {@code urn:ietf:bcp:47|es}) or a use ({@code system|code})
 * @param excludeNotForUI whether abstract (not selectable) codes are left out, as an expansion
 *        for validation or code generation wants
 * @param excludeSystems code systems ({@code url} or {@code url|version}) whose codes are left out
 * @param costlyThreshold a lower limit the client sets on the codes one answer may hold (never a higher one), or null
 */
public record ExpansionRequest(String filter, Integer offset, Integer count, boolean includeDesignations,
		Boolean activeOnly, Boolean excludeNested, String displayLanguage, VersionRules versions,
		boolean includeDefinition, List<String> properties, List<String> designations,
		boolean excludeNotForUI, List<String> excludeSystems, Integer costlyThreshold) {

	/** This request, also asking for the definition, properties and designations named. */
	public ExpansionRequest withOutputs(boolean includeDefinition, List<String> properties, List<String> designations) {
		return toBuilder().includeDefinition(includeDefinition).properties(properties).designations(designations).build();
	}

	/** This request, leaving out abstract codes ({@code excludeNotForUI}) and the codes of {@code systems} ({@code exclude-system}). */
	public ExpansionRequest withExclusions(boolean notForUI, List<String> systems) {
		return toBuilder().excludeNotForUI(notForUI).excludeSystems(systems).build();
	}

	public ExpansionRequest {
		versions = versions == null ? VersionRules.NONE : versions;
		properties = properties == null ? List.of() : List.copyOf(properties);
		designations = designations == null ? List.of() : List.copyOf(designations);
		excludeSystems = excludeSystems == null ? List.of() : List.copyOf(excludeSystems);
		if (offset != null && offset < 0) {
			throw TerminologyException.invalid("offset must be 0 or more, not " + offset);
		}
		if (count != null && count < 0) {
			throw TerminologyException.invalid("count must be 0 or more, not " + count);
		}
	}

	/** This request, showing displays in {@code language}. */
	public ExpansionRequest inLanguage(String language) {
		return toBuilder().displayLanguage(language).build();
	}

	/** Where the page starts: {@code offset}, or 0 when the client did not send one. */
	public int start() {
		return offset == null ? 0 : offset;
	}

	/** Whether inactive codes are left out: only when the client sent {@code activeOnly=true}. */
	public boolean onlyActive() {
		return Boolean.TRUE.equals(activeOnly);
	}

	/** Every code, from the start, with nothing left out, as a flat list: what HAPI's own terminology calls ask for. */
	public static ExpansionRequest all() {
		return builder().offset(0).activeOnly(false).excludeNested(true).build();
	}

	public static Builder builder() {
		return new Builder();
	}

	private Builder toBuilder() {
		return new Builder().filter(filter).offset(offset).count(count).includeDesignations(includeDesignations).activeOnly(activeOnly)
				.excludeNested(excludeNested).displayLanguage(displayLanguage).versions(versions).includeDefinition(includeDefinition)
				.properties(properties).designations(designations).excludeNotForUI(excludeNotForUI).excludeSystems(excludeSystems)
				.costlyThreshold(costlyThreshold);
	}

	/** The most codes this answer may hold: the server's limit, or the client's lower one. */
	public int maxCodes(int serverLimit) {
		return costlyThreshold == null ? serverLimit : Math.min(serverLimit, costlyThreshold);
	}

	/** The parameters by name, as a client sends them; what is not set is "not sent". */
	public static final class Builder {
		private String filter;
		private Integer offset;
		private Integer count;
		private boolean includeDesignations;
		private Boolean activeOnly;
		private Boolean excludeNested;
		private String displayLanguage;
		private VersionRules versions = VersionRules.NONE;
		private boolean includeDefinition;
		private List<String> properties = List.of();
		private List<String> designations = List.of();
		private boolean excludeNotForUI;
		private List<String> excludeSystems = List.of();
		private Integer costlyThreshold;

		private Builder() {}

		public Builder filter(String value) { filter = value; return this; }
		public Builder offset(Integer value) { offset = value; return this; }
		public Builder count(Integer value) { count = value; return this; }
		public Builder includeDesignations(boolean value) { includeDesignations = value; return this; }
		public Builder activeOnly(Boolean value) { activeOnly = value; return this; }
		public Builder excludeNested(Boolean value) { excludeNested = value; return this; }
		public Builder displayLanguage(String value) { displayLanguage = value; return this; }
		public Builder versions(VersionRules value) { versions = value; return this; }
		public Builder includeDefinition(boolean value) { includeDefinition = value; return this; }
		public Builder properties(List<String> value) { properties = value; return this; }
		public Builder designations(List<String> value) { designations = value; return this; }
		public Builder excludeNotForUI(boolean value) { excludeNotForUI = value; return this; }
		public Builder excludeSystems(List<String> value) { excludeSystems = value; return this; }
		public Builder costlyThreshold(Integer value) { costlyThreshold = value; return this; }

		public ExpansionRequest build() {
			return new ExpansionRequest(filter, offset, count, includeDesignations, activeOnly, excludeNested, displayLanguage, versions,
					includeDefinition, properties, designations, excludeNotForUI, excludeSystems, costlyThreshold);
		}
	}
}
