package org.procterm.content.model;

import java.util.Arrays;
import java.util.Optional;

/** The languages procterm writes patient content in. */
public enum Language {
	EN("en"),
	ES("es");

	private final String tag;

	Language(String tag) {
		this.tag = tag;
	}

	public String tag() {
		return tag;
	}

	public static Optional<Language> ofTag(String tag) {
		return Arrays.stream(values()).filter(l -> l.tag.equals(tag)).findFirst();
	}

	/**
	 * The best of these languages for a preference list as HTTP and HL7 write it ({@code es},
	 * {@code es-MX}, {@code es-MX, en;q=0.5}), read by the JDK's {@code Locale.LanguageRange};
	 * empty when none matches or the list is malformed, so the caller chooses the fallback.
	 */
	public static Optional<Language> preferred(String preferences) {
		if (preferences == null || preferences.isBlank()) {
			return Optional.empty();
		}
		try {
			String match = java.util.Locale.lookupTag(java.util.Locale.LanguageRange.parse(preferences),
					Arrays.stream(values()).map(Language::tag).toList());
			return match == null ? Optional.empty() : ofTag(match);
		} catch (RuntimeException malformed) { // the JDK throws IllegalArgumentException, or for "-" an index error
			return Optional.empty();
		}
	}
}
