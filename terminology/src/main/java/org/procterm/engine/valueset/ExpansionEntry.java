package org.procterm.engine.valueset;

import org.procterm.engine.codesystem.Concept;

/**
 * One code in a value set's expansion: the concept with the system version it came from, and the
 * display the value set gives it (a value set may override the code system's display).
 * {@code statedVersion} is the version (or pattern such as 1.x) the value set asked for, if any.
 */
public record ExpansionEntry(String system, String version, Concept concept, String display, String statedVersion) {

	public String key() {
		return system + "|" + concept.code();
	}
}
