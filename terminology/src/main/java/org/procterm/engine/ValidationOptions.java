package org.procterm.engine;

/**
 * How a {@code $validate-code} is judged: the language displays are given in, which code system
 * versions count (with the {@code date}), whether an abstract (not selectable) code is
 * acceptable where it is used, and whether a wrong display only warns ({@code lenientDisplay},
 * HL7's {@code lenient-display-validation}). The {@code abstract} parameter defaults to true: a code
 * that exists is valid unless the client says its context needs a concrete one.
 */
public record ValidationOptions(String displayLanguage, VersionRules versions, boolean abstractAllowed, boolean lenientDisplay) {

	public static final ValidationOptions DEFAULT = new ValidationOptions(null, VersionRules.NONE, true, false);

	/** Options under which a wrong display makes the code invalid. */
	public ValidationOptions(String displayLanguage, VersionRules versions, boolean abstractAllowed) {
		this(displayLanguage, versions, abstractAllowed, false);
	}

	public ValidationOptions {
		versions = versions == null ? VersionRules.NONE : versions;
	}
}
