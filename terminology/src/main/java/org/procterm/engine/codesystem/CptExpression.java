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

	/** More modifiers than a claim line can carry (four) by a wide margin; beyond it the expression is refused whole. */
	public static final int MAX_MODIFIERS = 10;

	public CptExpression {
		modifiers = List.copyOf(modifiers);
	}

	/** The expression {@code code} writes in {@code system}, or empty for a plain code (or another code system's). */
	public static Optional<CptExpression> parse(String system, String code) {
		if (!SYSTEM.equals(system) || code == null || code.indexOf(':') < 0) {
			return Optional.empty();
		}
		// no trimming: a space is not part of any CPT code, so " 63185:59" is as invalid as " 63185".
		// The split stops one part past the limit, so a long expression costs no more than a short one.
		String[] parts = code.split(":", MAX_MODIFIERS + 2);
		return Optional.of(new CptExpression(parts[0], Arrays.asList(parts).subList(1, parts.length)));
	}

	/** {@code code} as a message quotes it: cut short when it is long, so an answer never grows with the request. */
	public static String quoted(String code) {
		return code.length() <= 60 ? code : code.substring(0, 60) + "...";
	}

	/** True when the expression has more modifiers than {@link #MAX_MODIFIERS}. */
	public boolean tooManyModifiers() {
		return modifiers.size() > MAX_MODIFIERS;
	}

	@Override
	public String toString() {
		return base + ":" + String.join(":", modifiers);
	}
}
