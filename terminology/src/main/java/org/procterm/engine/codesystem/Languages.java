package org.procterm.engine.codesystem;

import java.util.Locale;

/** BCP-47 language tag matching, as far as terminology display selection needs it. */
public final class Languages {

	private Languages() {}

	/**
	 * "es" asked for matches "es" and "es-MX"; "es-MX" asked for matches "es-MX" and plain "es".
	 * Comparison is case-insensitive, as BCP-47 tags are.
	 */
	public static boolean matches(String actual, String requested) {
		if (actual == null || requested == null) {
			return false;
		}
		String a = actual.toLowerCase(Locale.ROOT);
		String r = requested.toLowerCase(Locale.ROOT);
		return a.equals(r) || primary(a).equals(primary(r)) && (a.equals(primary(a)) || r.equals(primary(r)));
	}

	/**
	 * The language tags of a {@code displayLanguage} value or an Accept-Language header, in order of
	 * preference: {@code "de, en-AU;q=0.8"} gives de, en-AU. Empty for null, blank or {@code *}.
	 */
	public static java.util.List<String> tags(String languages) {
		if (languages == null || languages.isBlank()) {
			return java.util.List.of();
		}
		java.util.List<String> tags = new java.util.ArrayList<>();
		for (String part : languages.split(",")) {
			String tag = part.split(";")[0].trim();
			if (!tag.isEmpty() && !tag.equals("*") && !refused(part)) {
				tags.add(tag);
			}
		}
		return java.util.List.copyOf(tags);
	}

	/**
	 * Whether a preference list refuses every language it does not name ({@code "de, *; q=0"}): then
	 * a concept with no display in the named languages is shown with none, rather than in the code
	 * system's own language.
	 */
	public static boolean refusesOthers(String languages) {
		if (languages == null) {
			return false;
		}
		for (String part : languages.split(",")) {
			if (part.split(";")[0].trim().equals("*") && refused(part)) {
				return true;
			}
		}
		return false;
	}

	/** A part of a preference list with weight zero ({@code q=0}): not acceptable at all. */
	private static boolean refused(String part) {
		String[] pieces = part.split(";");
		for (int i = 1; i < pieces.length; i++) {
			String weight = pieces[i].trim().toLowerCase(Locale.ROOT);
			if (weight.startsWith("q=")) {
				try {
					return Double.parseDouble(weight.substring(2).trim()) == 0;
				} catch (NumberFormatException e) {
					return false; // a malformed weight counts as no weight
				}
			}
		}
		return false;
	}

	/** Whether {@code tag} is shaped as a BCP-47 language tag (a language of 2-8 letters, then subtags of 1-8 letters or digits). */
	public static boolean isWellFormed(String tag) {
		return tag != null && tag.matches("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");
	}

	private static String primary(String tag) {
		int dash = tag.indexOf('-');
		return dash < 0 ? tag : tag.substring(0, dash);
	}
}
