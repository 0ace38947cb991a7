package org.procterm.engine;

/**
 * How a {@code $validate-code} is judged: the language displays are given in, which code system
 * versions count (with the {@code date}), whether an abstract (not selectable) code is
 * acceptable where it is used, and whether a wrong display only warns ({@code lenientDisplay},
 * HL7's {@code lenient-display-validation}). The {@code abstract} parameter defaults to true: a code
 * that exists is valid unless the client says its context needs a concrete one. For a value set,
 * {@code activeOnly} keeps inactive codes out of it, and {@code inferSystem} lets a code come without
 * its system when the value set holds it from one code system only. {@code membershipOnly} (HL7's
 * {@code valueset-membership-only}) asks only whether the codes are in the value set: what is wrong
 * with a code or its display in its code system is then not reported.
 */
public record ValidationOptions(String displayLanguage, VersionRules versions, boolean abstractAllowed, boolean lenientDisplay,
		boolean activeOnly, boolean inferSystem, boolean membershipOnly) {

	public static final ValidationOptions DEFAULT = builder().build();

	public static Builder builder() {
		return new Builder();
	}

	/** The options by name; unset, a code is judged with abstract codes allowed and wrong displays as errors. */
	public static final class Builder {
		private String displayLanguage;
		private VersionRules versions = VersionRules.NONE;
		private boolean abstractAllowed = true;
		private boolean lenientDisplay;

		private Builder() {}

		public Builder displayLanguage(String value) { displayLanguage = value; return this; }
		public Builder versions(VersionRules value) { versions = value; return this; }
		public Builder abstractAllowed(boolean value) { abstractAllowed = value; return this; }
		public Builder lenientDisplay(boolean value) { lenientDisplay = value; return this; }

		public ValidationOptions build() {
			return new ValidationOptions(displayLanguage, versions, abstractAllowed, lenientDisplay, false, false, false);
		}
	}

	/** These options, judging displays in {@code language}. */
	public ValidationOptions inLanguage(String language) {
		return new ValidationOptions(language, versions, abstractAllowed, lenientDisplay, activeOnly, inferSystem, membershipOnly);
	}

	/** These options with the value set rules {@code activeOnly} and {@code inferSystem}. */
	public ValidationOptions inValueSet(boolean activeOnly, boolean inferSystem) {
		return new ValidationOptions(displayLanguage, versions, abstractAllowed, lenientDisplay, activeOnly, inferSystem, membershipOnly);
	}

	/** These options asking only whether codes are in the value set ({@code valueset-membership-only}). */
	public ValidationOptions membershipOnly(boolean only) {
		return new ValidationOptions(displayLanguage, versions, abstractAllowed, lenientDisplay, activeOnly, inferSystem, only);
	}

	public ValidationOptions {
		versions = versions == null ? VersionRules.NONE : versions;
	}
}
