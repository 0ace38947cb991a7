package org.procterm.engine.codesystem;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A CPT expression: a code with its modifiers, written {@code code:modifier[:modifier...]} as HL7
 * defines it for CPT in FHIR (e.g. {@code 63185:59}). Only CPT has them.
 */
public record CptExpression(String base, List<String> modifiers) {

	public static final String SYSTEM = "http://www.ama-assn.org/go/cpt";

	public CptExpression {
		modifiers = List.copyOf(modifiers);
	}

	/** The expression {@code code} writes in {@code system}, or empty for a plain code (or another code system's). */
	public static Optional<CptExpression> parse(String system, String code) {
		if (!SYSTEM.equals(system) || code == null || code.indexOf(':') < 0) {
			return Optional.empty();
		}
		String[] parts = code.split(":", -1);
		return Optional.of(new CptExpression(parts[0].trim(), Arrays.stream(parts, 1, parts.length).map(String::trim).toList()));
	}

	@Override
	public String toString() {
		return base + ":" + String.join(":", modifiers);
	}
}
