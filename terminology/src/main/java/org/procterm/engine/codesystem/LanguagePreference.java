package org.procterm.engine.codesystem;

import java.util.List;

/**
 * A {@code displayLanguage} or Accept-Language value read once per request: its tags in order of
 * preference, and whether it refuses every language it does not name ({@code "de, *; q=0"}).
 * Reading it is a parse per part; an expansion asks it once per code, so it is read once and passed.
 */
public record LanguagePreference(List<String> tags, boolean refusesOthers) {

	public static final LanguagePreference NONE = new LanguagePreference(List.of(), false);

	public LanguagePreference {
		tags = List.copyOf(tags);
	}

	/** The preference a header or parameter value states; {@link #NONE} for null or blank. */
	public static LanguagePreference of(String languages) {
		return languages == null || languages.isBlank() ? NONE
				: new LanguagePreference(Languages.tags(languages), Languages.refusesOthers(languages));
	}
}
