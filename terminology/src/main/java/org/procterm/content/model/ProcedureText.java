package org.procterm.content.model;

import java.util.Map;

/**
 * One procedure's patient text in one language: the consumer-friendly name and each section as
 * the writer's Markdown (sections in display order).
 */
public record ProcedureText(String code, Language language, String name, Review review,
		Map<Section, String> sections) {

	public ProcedureText {
		java.util.EnumMap<Section, String> ordered = new java.util.EnumMap<>(Section.class);
		ordered.putAll(sections);
		sections = java.util.Collections.unmodifiableMap(ordered);
	}
}
