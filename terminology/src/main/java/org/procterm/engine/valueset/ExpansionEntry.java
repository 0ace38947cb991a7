package org.procterm.engine.valueset;

import org.procterm.engine.codesystem.Concept;

/**
 * One code in a value set's expansion: the concept with the system version it came from, and the
 * display the value set gives it (a value set may override the code system's display).
 */
public record ExpansionEntry(String system, String version, Concept concept, String display) {

	public String key() {
		return system + "|" + concept.code();
	}
}
