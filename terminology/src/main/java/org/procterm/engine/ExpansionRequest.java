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
 */
public record ExpansionRequest(String filter, Integer offset, Integer count, boolean includeDesignations,
		Boolean activeOnly, Boolean excludeNested, String displayLanguage, VersionRules versions,
		boolean includeDefinition, List<String> properties, List<String> designations,
		boolean excludeNotForUI, List<String> excludeSystems) {

	public ExpansionRequest(String filter, Integer offset, Integer count, boolean includeDesignations, Boolean activeOnly,
			Boolean excludeNested, String displayLanguage, VersionRules versions) {
		this(filter, offset, count, includeDesignations, activeOnly, excludeNested, displayLanguage, versions, false, List.of(), List.of(),
				false, List.of());
	}

	public ExpansionRequest(String filter, Integer offset, Integer count, boolean includeDesignations, Boolean activeOnly,
			Boolean excludeNested, String displayLanguage) {
		this(filter, offset, count, includeDesignations, activeOnly, excludeNested, displayLanguage, VersionRules.NONE);
	}

	/** This request, also asking for the definition, properties and designations named. */
	public ExpansionRequest withOutputs(boolean includeDefinition, List<String> properties, List<String> designations) {
		return new ExpansionRequest(filter, offset, count, includeDesignations, activeOnly, excludeNested, displayLanguage, versions,
				includeDefinition, properties, designations, excludeNotForUI, excludeSystems);
	}

	/** This request, leaving out abstract codes ({@code excludeNotForUI}) and the codes of {@code systems} ({@code exclude-system}). */
	public ExpansionRequest withExclusions(boolean notForUI, List<String> systems) {
		return new ExpansionRequest(filter, offset, count, includeDesignations, activeOnly, excludeNested, displayLanguage, versions,
				includeDefinition, properties, designations, notForUI, systems);
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
		return new ExpansionRequest(filter, offset, count, includeDesignations, activeOnly, excludeNested, language, versions,
				includeDefinition, properties, designations, excludeNotForUI, excludeSystems);
	}

	/** Where the page starts: {@code offset}, or 0 when the client did not send one. */
	public int start() {
		return offset == null ? 0 : offset;
	}

	/** Whether inactive codes are left out: only when the client sent {@code activeOnly=true}. */
	public boolean onlyActive() {
		return Boolean.TRUE.equals(activeOnly);
	}

	public static ExpansionRequest all() {
		return new ExpansionRequest(null, 0, null, false, false, null, null);
	}
}
