package org.procterm.content.model;

/** A fixed text we show patients, in each language. */
public record Localized(String en, String es) {

	public String in(Language language) {
		return language == Language.EN ? en : es;
	}
}
