package org.procterm.engine;

/**
 * How a {@code $validate-code} is judged: the language displays are given in, which code system
 * versions count (with the {@code date}), and whether an abstract (not selectable) code is
 * acceptable where it is used. The {@code abstract} parameter defaults to true: a code that exists is
 * valid unless the client says its context needs a concrete one.
 */
public record ValidationOptions(String displayLanguage, VersionRules versions, boolean abstractAllowed) {

	public static final ValidationOptions DEFAULT = new ValidationOptions(null, VersionRules.NONE, true);

	public ValidationOptions {
		versions = versions == null ? VersionRules.NONE : versions;
	}
}
