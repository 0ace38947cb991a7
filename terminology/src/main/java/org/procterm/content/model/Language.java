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
}
