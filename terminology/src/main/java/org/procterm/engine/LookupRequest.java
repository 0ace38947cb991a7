package org.procterm.engine;

import java.util.Set;

/**
 * A {@code $lookup}: which code, in which system version (or the version in effect on
 * {@code date}; null for today), shown in which language, with which properties
 * ({@code properties} empty or holding "*" means all of them).
 */
public record LookupRequest(String system, String version, String code, String displayLanguage, Set<String> properties,
		java.time.LocalDate date) {

	public LookupRequest {
		properties = properties == null ? Set.of() : Set.copyOf(properties);
	}

	public LookupRequest(String system, String version, String code, String displayLanguage, Set<String> properties) {
		this(system, version, code, displayLanguage, properties, null);
	}

	public boolean wantsProperty(String propertyCode) {
		return properties.isEmpty() || properties.contains("*") || properties.contains(propertyCode);
	}
}
